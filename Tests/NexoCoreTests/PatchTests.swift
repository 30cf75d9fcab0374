import Testing

@testable import NexoCore

@Suite struct PatchTests {
    private struct TransformFailed: Error {}

    @Test(arguments: ["current", nil] as [String?])
    func keepLeavesTheCurrentValue(current: String?) {
        // Given a patch that keeps
        let patch = Patch<String>.keep

        // When applied
        let result = patch.applied(to: current)

        // Then the current value, or its absence, stays
        #expect(result == current)
    }

    @Test(arguments: ["current", nil] as [String?])
    func clearRemovesTheValue(current: String?) {
        // Given a patch that clears
        let patch = Patch<String>.clear

        // When applied
        let result = patch.applied(to: current)

        // Then there is no value
        #expect(result == nil)
    }

    @Test(arguments: ["current", nil] as [String?])
    func setReplacesTheValue(current: String?) {
        // Given a patch that sets a value
        let patch = Patch<String>.set("new")

        // When applied
        let result = patch.applied(to: current)

        // Then the new value is used
        #expect(result == "new")
    }

    @Test func mapTransformsASetValue() {
        // Given a patch setting a string
        let patch = Patch<String>.set("42")

        // When mapped to its length
        let mapped = patch.map(\.count)

        // Then the set value is transformed
        #expect(mapped == .set(2))
    }

    @Test(arguments: [(Patch<String>.keep, Patch<Int>.keep), (.clear, .clear)])
    func mapCarriesKeepAndClearWithoutCallingTheTransform(patch: Patch<String>, expected: Patch<Int>) throws {
        // Given a patch with no value

        // When mapped with a transform that would fail
        let mapped: Patch<Int> = try patch.map { _ in throw TransformFailed() }

        // Then the intent is carried over as it is
        #expect(mapped == expected)
    }

    @Test func mapRethrowsTheTransformsError() {
        // Given a patch setting a value
        let patch = Patch<String>.set("x")

        // When mapped with a failing transform
        // Then the error comes out
        #expect(throws: TransformFailed.self) { try patch.map { _ -> Int in throw TransformFailed() } }
    }
}
