import Fluent
import Foundation
import NIOCore
import Vapor

/// Sends as the tenant's Gmail account through the Gmail API, with an OAuth 2.0 access token that is refreshed
/// with the stored refresh token when it is missing, about to expire, or refused.
///
/// - `POST {apiBase}/gmail/v1/users/me/messages/send` with `{"raw": base64url(MIME)}` → `{"id": …}`
/// - `POST {oauthBase}/token` with `grant_type=refresh_token` → `{"access_token": …, "expires_in": …}`
///
/// A refreshed access token is stored sealed on the tenant's e-mail settings, so the next message reuses it.
struct GmailEmailProvider: EmailProvider {
    /// The connected account, as the tenant's settings hold it, secrets opened.
    struct Account: Sendable {
        var tenantID: UUID
        var clientID: String
        var clientSecret: String
        var refreshToken: String
        /// The refresh token as stored (sealed). A refreshed access token is only saved while the row still holds
        /// this one, so it never lands on an account connected again in the meantime.
        var sealedRefreshToken: String?
        var accessToken: String?
        var accessTokenExpiresAt: Date?
    }

    let app: Application
    let account: Account
    /// Without trailing slashes, e.g. https://gmail.googleapis.com and https://oauth2.googleapis.com.
    let apiBaseURL: String
    let oauthBaseURL: String
    var timeout: TimeAmount = ProviderHTTP.timeout

    var name: String { "gmail" }

    /// An access token this close to its expiry is refreshed before use.
    static let expiryMargin: TimeInterval = 60
    static let revoked = "Gmail access was revoked or expired; connect the account again"

    struct Token: Decodable {
        var accessToken: String
        var expiresIn: Int?
        var refreshToken: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
            case refreshToken = "refresh_token"
        }
    }

    /// `{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}` (RFC 6749 §5.2).
    struct TokenError: Decodable {
        var error: String
        var errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    struct Sent: Decodable { var id: String }

    /// `{"error": {"code": 403, "message": "…", "status": "PERMISSION_DENIED", "errors": [{"reason": "…"}]}}`
    struct APIError: Decodable {
        struct Detail: Decodable {
            var code: Int?
            var message: String?
            var status: String?
            var errors: [Reason]?
        }

        struct Reason: Decodable { var reason: String? }

        var error: Detail
    }

    func send(_ message: OutgoingMessage, from identity: EmailIdentity) async throws(EmailFailure) -> String? {
        let raw = Self.base64URL(Data(try message.mime(from: identity).utf8))
        let body = ByteBuffer(string: #"{"raw":""# + raw + #""}"#)
        var token: String
        if let current = account.accessToken, let expiry = account.accessTokenExpiresAt,
            expiry.timeIntervalSince(app.nexo.clock.now) > Self.expiryMargin
        {
            token = current
        } else {
            token = try await refresh()
        }
        var response = try await post(body, token: token)
        if response.status == .unauthorized {
            // Revoked early, or the clocks disagree: one fresh token and one more try.
            token = try await refresh()
            response = try await post(body, token: token)
            if response.status == .unauthorized {
                throw .needsReconnection("Gmail refused a freshly refreshed access token; connect the account again")
            }
        }
        guard (200..<300).contains(response.status.code) else { throw Self.failure(response) }
        return ProviderHTTP.decode(Sent.self, from: response)?.id
    }

    private func post(_ body: ByteBuffer, token: String) async throws(EmailFailure) -> ClientResponse {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.contentType = .json
        headers.add(name: .accept, value: "application/json")
        return try await ProviderHTTP.post(
            app.client, apiBaseURL + "/gmail/v1/users/me/messages/send", headers: headers, body: body, service: "Gmail",
            timeout: timeout)
    }

    /// A new access token from the refresh token, stored sealed on the tenant's settings.
    func refresh() async throws(EmailFailure) -> String {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.add(name: .accept, value: "application/json")
        let form = ProviderHTTP.formEncoded([
            ("grant_type", "refresh_token"), ("refresh_token", account.refreshToken), ("client_id", account.clientID),
            ("client_secret", account.clientSecret),
        ])
        let response = try await ProviderHTTP.post(
            app.client, oauthBaseURL + "/token", headers: headers, body: ByteBuffer(string: form),
            service: "Google's token endpoint", timeout: timeout)
        guard response.status == .ok else { throw Self.tokenFailure(response) }
        guard let token = ProviderHTTP.decode(Token.self, from: response), !token.accessToken.isEmpty else {
            throw .temporary("Google's token endpoint answered without an access token: \(ProviderHTTP.excerpt(response))")
        }
        let expiry = app.nexo.clock.now.addingTimeInterval(TimeInterval(token.expiresIn ?? 3600))
        await store(token, expiry: expiry)
        return token.accessToken
    }

    /// Saves the token for the next messages. Failing to save costs a refresh later, not this message.
    private func store(_ token: Token, expiry: Date) async {
        do {
            let secrets = app.nexo.secrets
            let update = EmailSettings.query(on: app.db).filter(\.$tenantID == account.tenantID)
            if let sealed = account.sealedRefreshToken { update.filter(\.$secret == sealed) }
            update.set(\.$accessToken, to: try secrets.seal(token.accessToken)).set(\.$accessTokenExpiresAt, to: expiry)
            // Google may hand out a new refresh token; the old one then stops working at some point.
            if let refreshToken = token.refreshToken, !refreshToken.isEmpty, refreshToken != account.refreshToken {
                update.set(\.$secret, to: try secrets.seal(refreshToken))
            }
            try await update.update()
        } catch {
            app.logger.warning(
                "the refreshed Gmail access token could not be stored",
                metadata: ["tenant_id": .string(account.tenantID.uuidString), "error": .string(String(reflecting: error))])
        }
    }

    /// An `invalid_grant` means the person revoked access or the grant expired: only connecting again helps.
    static func tokenFailure(_ response: ClientResponse) -> EmailFailure {
        let error = ProviderHTTP.decode(TokenError.self, from: response)
        let detail = error.map { $0.error + ($0.errorDescription.map { ": \($0)" } ?? "") } ?? ProviderHTTP.excerpt(response)
        let reason = "Google's token endpoint answered \(response.status.code) (\(detail))"
        if ProviderHTTP.isTemporary(response.status) {
            return .temporary(reason, retryAfter: ProviderHTTP.retryAfter(response))
        }
        switch error?.error {
        case "invalid_grant":
            return .needsReconnection(revoked)
        case "invalid_client", "unauthorized_client":
            return .permanent(reason + "; check the Gmail OAuth client id and secret in Settings → E-mail")
        default:
            return .permanent(reason)
        }
    }

    /// The Gmail API's refusal: usage limits (429, or 403 with a rate-limit reason) and Google's trouble are
    /// temporary; a grant without the send scope needs a new connection; anything else about the message is permanent.
    static func failure(_ response: ClientResponse) -> EmailFailure {
        let detail = ProviderHTTP.decode(APIError.self, from: response)?.error
        let reasons = Set((detail?.errors ?? []).compactMap(\.reason))
        let text = detail?.message ?? ProviderHTTP.excerpt(response)
        let reason = "Gmail answered \(response.status.code)\(detail?.status.map { " \($0)" } ?? ""): \(text)"
        let rateLimits: Set = ["rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded"]
        if ProviderHTTP.isTemporary(response.status) || (response.status == .forbidden && !reasons.isDisjoint(with: rateLimits)) {
            return .temporary(reason, retryAfter: ProviderHTTP.retryAfter(response))
        }
        if response.status == .forbidden && (reasons.contains("insufficientPermissions") || text.contains("scopes")) {
            return .needsReconnection("the Gmail connection may not send e-mail (\(text)); connect the account again")
        }
        return .permanent(reason)
    }

    /// Base64url (RFC 4648 §5), padded, as Gmail's `raw` takes it.
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }
}
