import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// `/hooks/meta/leadgen`, Meta's Lead Ads webhook for every business: the `GET` verification handshake, and `POST`
/// notifications (`object: page`, `field: leadgen`) checked with `X-Hub-Signature-256` over the raw body. Each lead
/// of a connected page is stored once and fetched by a job; pages nobody connected are ignored.
enum LeadAdsWebhookEndpoint {
    /// Meta batches notifications; this is more than a thousand of them.
    static let maxBody = 1 << 20

    static func register(on app: Application) {
        app.get(SiteRoute.hookMetaLeadgen.pathComponents) { req async throws -> Response in try await verify(req) }
        app.on(.POST, SiteRoute.hookMetaLeadgen.pathComponents, body: .collect(maxSize: ByteCount(value: maxBody))) {
            req async throws -> Response in try await receive(req)
        }
    }

    /// `?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C` → `C` when `T` is the installation's or a connected
    /// page's verify token, otherwise 403.
    static func verify(_ req: Request) async throws -> Response {
        let mode = req.query[String.self, at: "hub.mode"]
        let token = req.query[String.self, at: "hub.verify_token"] ?? ""
        let challenge = req.query[String.self, at: "hub.challenge"] ?? ""
        var known = false
        if let global = req.nexo.settings.metaVerifyToken, SecretToken.constantTimeEquals(global, token) { known = true }
        if !known, !token.isEmpty {
            known =
                try await LeadAdsPage.query(on: req.db).filter(\.$verifyTokenHash == SecretToken.hash(token)).first()
                != nil
        }
        guard mode == "subscribe", known else {
            throw Problem.forbidden("The verify token does not match.", code: "verify_token_mismatch")
        }
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        return Response(status: .ok, headers: headers, body: .init(string: challenge))
    }

    static func receive(_ req: Request) async throws -> Response {
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let notifications: [LeadgenNotification]
        do throws(LeadgenPayloadError) {
            notifications = try LeadgenNotification.parse(data)
        } catch {
            throw Problem.badRequest("Not a Lead Ads notification: \(error.message)")
        }
        let pageIDs = Array(Set(notifications.map(\.pageID)))
        let pages =
            pageIDs.isEmpty ? [] : try await LeadAdsPage.query(on: req.db).filter(\.$pageID ~~ pageIDs).all()
        let signature = req.headers.first(name: "X-Hub-Signature-256") ?? ""
        let secrets = req.nexo.secrets
        let global = req.nexo.settings.metaAppSecret
        @Sendable func signed(by page: LeadAdsPage?) -> Bool {
            var candidates: [String] = []
            if let global { candidates.append(global) }
            if let sealed = page?.appSecret, let secret = try? secrets.open(sealed) { candidates.append(secret) }
            return candidates.contains { WebhookSignature.verifies(signature, body: data, secret: $0) }
        }
        // The body must be signed by the installation's app or by the app of a page it names.
        guard !signature.isEmpty, signed(by: nil) || pages.contains(where: { signed(by: $0) }) else {
            throw Problem(
                status: .unauthorized, title: "Unauthorized",
                detail: "X-Hub-Signature-256 is missing or does not match the app secret.", code: "signature_mismatch")
        }
        let byPageID = Dictionary(pages.map { ($0.pageID, $0) }, uniquingKeysWith: { first, _ in first })
        let now = req.nexo.clock.now
        let (accepted, ignored) = try await req.db.writeTransaction { tx in
            var accepted = 0
            var ignored = 0
            var jobs: [NewJob] = []
            for notification in notifications {
                guard let page = byPageID[notification.pageID], signed(by: page) else {
                    ignored += 1
                    continue
                }
                let leadID = UUID()
                let inserted = try await tx.sql.insert(into: CapturedLead.schema)
                    .columns(
                        "id", "tenant_id", "page_id", "leadgen_id", "form_id", "ad_id", "state", "attempts", "received_at"
                    )
                    .values(
                        SQLBind(leadID), SQLBind(page.tenantID), SQLBind(try page.requireID()),
                        SQLBind(notification.leadgenID), SQLBind(notification.formID), SQLBind(notification.adID),
                        SQLBind(CapturedLead.State.queued.rawValue), SQLBind(0), SQLBind(now)
                    )
                    .ignoringConflicts(with: ["tenant_id", "leadgen_id"])
                    .returning("id").all()
                guard !inserted.isEmpty else { continue }
                accepted += 1
                jobs.append(
                    try NewJob(
                        kind: LeadAdsFetchJob.kind, tenantID: page.tenantID, payload: ["lead_id": leadID], priority: 5,
                        maxAttempts: LeadAdsFetchJob.maxAttempts, idempotencyKey: "lead-ads:\(leadID.uuidString)"))
            }
            try await req.nexo.jobQueue(on: tx).enqueue(jobs, now: now)
            return (accepted, ignored)
        }
        if ignored > 0 {
            req.logger.warning("lead ads notifications for pages no business connected", metadata: ["count": "\(ignored)"])
        }
        struct Receipt: Content {
            let accepted: Int
            let ignored: Int
        }
        return try await Receipt(accepted: accepted, ignored: ignored).encodeResponse(status: .ok, for: req)
    }
}
