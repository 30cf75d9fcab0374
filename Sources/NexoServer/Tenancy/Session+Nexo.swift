import Foundation
import Vapor

/// What Nexo keeps in a web session: who signed in, which tenant they work in, the CSRF token, the language.
extension Session {
    var userID: UUID? {
        get { data["uid"].flatMap(UUID.init(uuidString:)) }
        set { data["uid"] = newValue?.uuidString }
    }

    var tenantID: UUID? {
        get { data["tid"].flatMap(UUID.init(uuidString:)) }
        set { data["tid"] = newValue?.uuidString }
    }

    var visitorLocale: String? {
        get { data["locale"] }
        set { data["locale"] = newValue }
    }

    /// Created on first use and kept for the session's life; every state-changing form posts it back.
    var csrfToken: String {
        get {
            if let token = data["csrf"] { return token }
            let token = SecretToken.generate(prefix: "")
            data["csrf"] = token
            return token
        }
    }

    /// A one-time message shown on the next page (after a redirect).
    var flash: String? {
        get { data["flash"] }
        set { data["flash"] = newValue }
    }

    func takeFlash() -> String? {
        let message = data["flash"]
        if message != nil { data["flash"] = nil }
        return message
    }
}

extension Request {
    /// Signs a user in under a new session id, so an id planted before sign-in is worthless after it.
    func startSignedInSession(userID: UUID, tenantID: UUID) async throws {
        let carried = session.data
        if let old = session.id {
            try await application.sessions.driver.deleteSession(old, for: self).get()
            session.id = nil
        }
        session.data = carried
        session.data["csrf"] = nil
        session.userID = userID
        session.tenantID = tenantID
    }
}
