import Crypto
import Foundation

/// Seals secrets stored in the database (provider tokens, app secrets) with AES-GCM under the master key.
/// The key comes from `NEXO_MASTER_KEY`, or from `master.key` in the data directory, created with mode 0600
/// on first run. Sealed values carry a version prefix so the scheme can change without ambiguity.
struct SecretBox: Sendable {
    enum Failure: Error, CustomStringConvertible {
        case malformed
        case keyFile(String)

        var description: String {
            switch self {
            case .malformed: "sealed value is malformed or was sealed with another key"
            case .keyFile(let reason): "master key file: \(reason)"
            }
        }
    }

    private static let prefix = "v1:"
    // Kept as bytes: SymmetricKey is not Sendable in this swift-crypto.
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    init(key: SymmetricKey) { keyBytes = key.withUnsafeBytes { Data($0) } }

    /// A key for one purpose (signing unsubscribe links, …), derived from the master key so a leak of one
    /// purpose's signatures says nothing about the others or about sealed secrets.
    func derivedKey(for purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("nexo:\(purpose)".utf8), outputByteCount: 32)
    }

    func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw Failure.malformed }
        return Self.prefix + combined.base64EncodedString()
    }

    func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix(Self.prefix), let data = Data(base64Encoded: String(sealed.dropFirst(Self.prefix.count))) else {
            throw Failure.malformed
        }
        do {
            let plaintext = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
            return String(decoding: plaintext, as: UTF8.self)
        } catch {
            throw Failure.malformed
        }
    }

    static func load(settings: Settings) throws -> SecretBox {
        if let base64 = settings.masterKey, let data = Data(base64Encoded: base64) {
            return SecretBox(key: SymmetricKey(data: data))
        }
        let path = settings.dataDirectory + "/master.key"
        let files = FileManager.default
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
                throw Failure.keyFile("\(path) does not hold the base64 of 32 bytes")
            }
            return SecretBox(key: SymmetricKey(data: data))
        }
        do {
            try files.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
            let key = SymmetricKey(size: .bits256)
            let text = key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
            guard files.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Failure.keyFile("cannot create \(path)")
            }
            return SecretBox(key: key)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.keyFile("cannot create \(path): \(error)")
        }
    }
}
