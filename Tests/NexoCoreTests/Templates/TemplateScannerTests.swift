import Testing

@testable import NexoCore

@Suite struct TemplateScannerTests {
    /// Deterministic pseudo-random numbers, so a failure can be replayed.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let fragments = [
        "{{", "}}", "{", "}", "{{{", "}}}", "#", "^", "/", "!", "&", ">", "=", "%", " ", "\n", "\r\n", "\t", ".",
        "today", "contact.first_name", "contact.metadata.plan", "x", "Hola", "ñ", "👋🏽", "(", ")",
        "{{#today}}", "{{/today}}", "{{^contact.first_name}}", "{{/contact.first_name}}", "{{today}}", "{{.}}",
    ]

    /// Whatever the scanner accepts, swift-mustache must parse: otherwise a template would pass the editor
    /// and fail to compile. (The reverse does not hold: the scanner also rejects unknown variables.)
    @Test func swiftMustacheParsesEverySourceTheScannerAccepts() {
        var random = SplitMix(state: 2025)
        var accepted = 0
        for _ in 0..<4000 {
            let count = Int.random(in: 1...12, using: &random)
            let source = (0..<count).map { _ in Self.fragments.randomElement(using: &random)! }.joined()
            var scanner = TemplateScanner(source)
            scanner.scan()
            guard scanner.problems.isEmpty else { continue }
            accepted += 1
            #expect(MessageTemplate.parserProblem(in: source) == nil, "\(source.debugDescription)")
        }
        #expect(accepted > 200)
    }

    @Test func everyProblemPointsInsideTheSource() {
        var random = SplitMix(state: 7)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...12, using: &random)
            let source = (0..<count).map { _ in Self.fragments.randomElement(using: &random)! }.joined()
            let lines = source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            for problem in MessageTemplate.validate(source) {
                #expect(problem.line >= 1 && problem.line <= lines.count, "\(source.debugDescription) \(problem)")
                let lineLength = problem.line <= lines.count ? lines[problem.line - 1].count : 0
                #expect(problem.column >= 1 && problem.column <= lineLength + 1, "\(source.debugDescription) \(problem)")
            }
        }
    }
}
