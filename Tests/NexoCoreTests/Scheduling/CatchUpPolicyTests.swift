import Foundation
import Testing

@testable import NexoCore

@Suite struct CatchUpPolicyTests {
    @Test(arguments: [(CatchUpPolicy.runOnce, "run_once"), (.skip, "skip")])
    func codesAsSnakeCaseString(policy: CatchUpPolicy, text: String) throws {
        #expect(String(decoding: try JSONEncoder().encode([policy]), as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([CatchUpPolicy].self, from: Data("[\"\(text)\"]".utf8)) == [policy])
    }

    @Test func rejectsUnknownPolicy() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CatchUpPolicy].self, from: Data(#"["runOnce"]"#.utf8)) }
    }
}
