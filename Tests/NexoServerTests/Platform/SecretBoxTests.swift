import Crypto
import Foundation
import Testing

@testable import NexoServer

@Suite("Secret box")
struct SecretBoxTests {
    @Test func sealedSecretsOpenWithTheSameKeyOnly() throws {
        let box = SecretBox(key: SymmetricKey(size: .bits256))
        let sealed = try box.seal("EAAG-meta-token")
        #expect(!sealed.contains("EAAG"))
        #expect(try box.open(sealed) == "EAAG-meta-token")
        #expect(throws: SecretBox.Failure.self) { try SecretBox(key: SymmetricKey(size: .bits256)).open(sealed) }
    }

    @Test func tamperedValuesAreRejected() throws {
        let box = SecretBox(key: SymmetricKey(size: .bits256))
        var sealed = Array(try box.seal("secreto"))
        sealed[sealed.count - 3] = sealed[sealed.count - 3] == "A" ? "B" : "A"
        #expect(throws: SecretBox.Failure.self) { try box.open(String(sealed)) }
        #expect(throws: SecretBox.Failure.self) { try box.open("not sealed") }
    }

    @Test func withoutAMasterKeyAKeyFileIsCreatedPrivateAndReused() throws {
        let directory = NSTemporaryDirectory() + "nexo-key-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var settings = try Settings.parse(["NEXO_DATA_DIR": directory])
        settings.masterKey = nil
        let first = try SecretBox.load(settings: settings)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/master.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let second = try SecretBox.load(settings: settings)
        #expect(try second.open(try first.seal("x")) == "x")
    }
}
