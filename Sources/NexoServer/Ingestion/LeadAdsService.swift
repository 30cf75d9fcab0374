import Fluent
import Foundation
import NexoCore
import Vapor

/// Connecting Facebook pages for Lead Ads and retrying failed leads, for the API and the settings page alike.
struct LeadAdsService: Sendable {
    let req: Request
    let context: TenantContext

    var db: any Database { req.db }

    struct Connection: Sendable {
        var pageID: String?
        var name: String?
        var accessToken: String?
        var appSecret: String?
    }

    func connect(_ connection: Connection) async throws -> (page: LeadAdsPage, verifyToken: String) {
        var errors: [FieldError] = []
        let pageID = (connection.pageID ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if pageID.isEmpty || pageID.count > 30 || !pageID.allSatisfy(\.isASCII) || !pageID.allSatisfy(\.isNumber) {
            errors.append(
                FieldError(field: "page_id", code: "lead_ads.page_id", message: "A page id is Meta's number for the page."))
        }
        let token = (connection.accessToken ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if token.isEmpty {
            errors.append(
                FieldError(field: "access_token", code: "field.required", message: "The page access token is required."))
        }
        let name = (connection.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !errors.isEmpty { throw Problem.validation(errors) }
        if let existing = try await LeadAdsPage.query(on: db).filter(\.$pageID == pageID).first() {
            throw Problem.conflict(
                "This page is already connected to a business.",
                existingID: existing.tenantID == context.tenantID ? existing.id : nil, field: "page_id")
        }
        let verifyToken = SecretToken.generate(prefix: "nexo_verify_")
        let page = LeadAdsPage()
        page.tenantID = context.tenantID
        page.pageID = pageID
        page.name = name.isEmpty ? pageID : String(name.prefix(100))
        page.accessToken = try req.nexo.secrets.seal(token)
        if let secret = connection.appSecret?.trimmingCharacters(in: .whitespaces), !secret.isEmpty {
            page.appSecret = try req.nexo.secrets.seal(secret)
        }
        page.verifyToken = try req.nexo.secrets.seal(verifyToken)
        page.verifyTokenHash = SecretToken.hash(verifyToken)
        page.createdAt = req.nexo.clock.now
        do {
            try await db.writeTransaction { tx in
                try await page.create(on: tx)
                try await AuditLog.record(
                    "lead_ads.page_connected", context: context, entityType: "lead_ads_page",
                    entityID: page.id?.uuidString, details: ["page_id": pageID], request: req, on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Connected by another request in the meantime.
            throw Problem.conflict("This page is already connected to a business.", existingID: nil, field: "page_id")
        }
        return (page, verifyToken)
    }

    func disconnect(_ page: LeadAdsPage) async throws {
        try await db.writeTransaction { tx in
            try await CapturedLead.query(on: tx).filter(\.$pageID == page.requireID()).delete()
            try await page.delete(on: tx)
            try await AuditLog.record(
                "lead_ads.page_disconnected", context: context, entityType: "lead_ads_page",
                entityID: page.id?.uuidString, details: ["page_id": page.pageID], request: req, on: tx)
        }
    }

    /// A failed lead is fetched again from the start.
    func retry(_ lead: CapturedLead) async throws {
        guard lead.state == .failed else {
            throw Problem(
                status: .conflict, title: "Conflict", detail: "Only a failed lead can be tried again.", code: "conflict")
        }
        let id = try lead.requireID()
        let now = req.nexo.clock.now
        lead.state = .queued
        lead.error = nil
        lead.attempts = 0
        try await db.writeTransaction { tx in
            try await lead.update(on: tx)
            try await req.nexo.jobQueue(on: tx).enqueue(
                try NewJob(
                    kind: LeadAdsFetchJob.kind, tenantID: context.tenantID, payload: ["lead_id": id], priority: 5,
                    maxAttempts: LeadAdsFetchJob.maxAttempts,
                    idempotencyKey: "lead-ads:\(id.uuidString):\(Int(now.timeIntervalSince1970))"),
                now: now)
        }
    }
}
