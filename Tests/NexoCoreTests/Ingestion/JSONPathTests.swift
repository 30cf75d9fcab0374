import Foundation
import Testing

@testable import NexoCore

@Suite struct JSONPathTests {
    // MARK: - Parsing

    @Test func parsesDottedKeysAndArrayIndexes() throws {
        // Given a path with keys and an index / When parsed
        let path = try JSONPath(parsing: "order.items[0].sku")

        // Then each key and index is a segment
        #expect(path.segments == [.key("order"), .key("items"), .index(0), .key("sku")])
    }

    @Test(arguments: ["$.customer.email", "  customer.email  ", "$['customer'].email", #"$["customer"]["email"]"#])
    func readsTheSameKeysWithOrWithoutTheRootMarker(text: String) throws {
        // Given a path written another way / When parsed
        let path = try JSONPath(parsing: text)

        // Then it is the canonical path
        #expect(path.description == "customer.email")
    }

    @Test func readsBracketQuotedKeysWithDotsAndSpaces() throws {
        // Given keys that dotted syntax cannot hold
        let path = try JSONPath(parsing: #"answers["first.name"]['x y']"#)

        // When parsed / Then the quoted keys are kept whole
        #expect(path.segments == [.key("answers"), .key("first.name"), .key("x y")])
    }

    @Test func readsEscapedQuotesInsideQuotedKeys() throws {
        // Given a key holding a quote and a backslash
        let path = try JSONPath(parsing: #"["say \"hi\" \\ bye"]"#)

        // When parsed / Then the escapes are removed
        #expect(path.segments == [.key(#"say "hi" \ bye"#)])
    }

    @Test func keepsADollarThatStartsAKey() throws {
        // Given a key such as MongoDB's "$set" / When parsed / Then "$" is part of the key
        #expect(try JSONPath(parsing: "$set.email").segments == [.key("$set"), .key("email")])
    }

    @Test(arguments: [
        "customer.email", "items[0].sku", #"["first.name"]"#, #"answers["x y"].value"#, "[3][1]", #"a["$"]"#,
        #"["say \"hi\""]"#, #"meta[""]"#,
    ])
    func printsACanonicalFormThatParsesBackToTheSamePath(text: String) throws {
        // Given a parsed path
        let path = try JSONPath(parsing: text)

        // When printed and parsed again / Then it is the same path, written the same way
        #expect(path.description == text)
        #expect(try JSONPath(parsing: path.description) == path)
    }

    @Test func quotesKeysThatNeedItWhenPrinting() throws {
        // Given segments with a dot and a space
        let path = try JSONPath(segments: [.key("data"), .key("first.name"), .key("x y")])

        // When printed / Then those keys go in brackets
        #expect(path.description == #"data["first.name"]["x y"]"#)
    }

    // MARK: - Errors

    @Test(arguments: ["", "   ", "$"])
    func rejectsAnEmptyPath(text: String) {
        // Given nothing to follow / When parsed / Then the path is empty
        #expect(throws: JSONPathError.empty) { try JSONPath(parsing: text) }
        #expect(JSONPathError.empty.code == "json_path.empty")
    }

    @Test(arguments: ["customer..email", "customer.", ".email", "$.", "items.[0]"])
    func rejectsEmptyKeys(text: String) {
        // Given a dot with nothing after it / When parsed / Then the error is an empty key
        #expect(code(of: text) == "json_path.empty_key")
    }

    @Test func rejectsAnUnclosedBracketNamingWhereItOpens() {
        // Given an index without "]"
        let error = self.error(of: "items[0")

        // When parsed / Then the message points at the bracket
        #expect(error == .unclosedBracket(path: "items[0", position: 6))
        #expect(error?.message == #""items[0" opens a bracket at character 6 that is never closed with "]"."#)
    }

    @Test func rejectsAnUnclosedQuote() {
        // Given a quoted key without its closing quote / When parsed / Then the error says so
        #expect(code(of: #"["first.name]"#) == "json_path.unclosed_quote")
    }

    @Test(arguments: ["items[-1]", "items[x]", "items[]", "items[1.5]", "items[first.name]"])
    func rejectsBracketsThatAreNotIndexes(text: String) {
        // Given brackets without a whole number or a quoted key / When parsed / Then the index is bad
        #expect(code(of: text) == "json_path.bad_index")
    }

    @Test func explainsHowToWriteAKeyWithASpace() {
        // Given a dotted key with a space
        let error = self.error(of: "first name")

        // When parsed / Then the message suggests brackets
        #expect(error?.code == "json_path.unexpected_character")
        #expect(error?.message.contains(#"["first name"]"#) == true)
    }

    @Test func rejectsMoreThan32Segments() {
        // Given 33 keys
        let text = Array(repeating: "a", count: 33).joined(separator: ".")

        // When parsed / Then the path is too long, while 32 keys are fine
        #expect(code(of: text) == "json_path.too_long")
        #expect(throws: Never.self) { try JSONPath(parsing: Array(repeating: "a", count: 32).joined(separator: ".")) }
    }

    // MARK: - Codable

    @Test func codesAsItsCanonicalString() throws {
        // Given a path in JSON with the root marker
        let path = try JSONDecoder().decode(JSONPath.self, from: Data(#""$.items[0].sku""#.utf8))

        // When encoded again / Then it is the canonical string
        #expect(String(decoding: try JSONEncoder().encode(path), as: UTF8.self) == #""items[0].sku""#)
    }

    @Test func failsToDecodeAnInvalidPathWithItsMessage() {
        // Given an unclosed bracket in JSON / When decoded / Then decoding fails with the parser's message
        do {
            _ = try JSONDecoder().decode(JSONPath.self, from: Data(#""items[0""#.utf8))
            Issue.record("decoded an invalid path")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains("never closed"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    // MARK: - Lookup

    @Test func findsValuesThroughKeysIndexesAndQuotedKeys() throws {
        // Given a payload with arrays and a key with a dot
        let payload = try IngestionTestSupport.payload(
            #"{"items":[{"sku":"A1"},{"sku":"B2"}],"answers":{"first.name":"Ana"},"n":null}"#)

        // When values are looked up / Then each path reaches its value
        #expect(try JSONPath(parsing: "items[1].sku").value(in: payload) == .string("B2"))
        #expect(try JSONPath(parsing: #"answers["first.name"]"#).value(in: payload) == .string("Ana"))
        #expect(try JSONPath(parsing: "n").value(in: payload) == .null)
    }

    @Test func readsADottedNumberAsAnArrayIndex() throws {
        // Given a path written the way no-code tools do / When looked up / Then it reads the element
        let payload = try IngestionTestSupport.payload(#"{"items":[{"sku":"A1"}]}"#)
        #expect(try JSONPath(parsing: "items.0.sku").value(in: payload) == .string("A1"))
    }

    @Test(arguments: ["missing", "items[5].sku", "items.sku", "name.first", "items[0].sku.code"])
    func findsNothingWhereThePayloadHasAnotherShape(text: String) throws {
        // Given a payload without that path / When looked up / Then there is no value
        let payload = try IngestionTestSupport.payload(#"{"items":[{"sku":"A1"}],"name":"Ana"}"#)
        #expect(try JSONPath(parsing: text).value(in: payload) == nil)
    }

    // MARK: - Helpers

    private func error(of text: String) -> JSONPathError? {
        do {
            _ = try JSONPath(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    private func code(of text: String) -> String? { error(of: text)?.code }
}
