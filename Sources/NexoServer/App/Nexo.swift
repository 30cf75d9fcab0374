import Foundation
import NexoCore
import Vapor

/// The application-wide services Nexo builds once at start from `Settings` and hands to every feature.
struct Nexo: Sendable {
    let settings: Settings
    let translations: Translations
    let emailSender: any EmailSender
    let secrets: SecretBox
}

extension Application {
    private struct NexoKey: StorageKey { typealias Value = Nexo }

    var nexo: Nexo {
        get {
            guard let nexo = storage[NexoKey.self] else { fatalError("configure(_:settings:) has not run") }
            return nexo
        }
        set { storage[NexoKey.self] = newValue }
    }
}

extension Request {
    var nexo: Nexo { application.nexo }
}
