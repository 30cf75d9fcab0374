import Fluent
import Foundation
import NexoCore
import Vapor

/// `/api/v1/lead-ads`: connected Facebook pages and the leads they brought.
struct LeadAdsAPIController {
    struct PageResponse: Content, Sendable {
        var id: UUID
        var pageID: String
        var name: String
        var webhookURL: String
        /// Only in the answer that connects the page.
        var verifyToken: String?
        var createdAt: Date
        var lastLeadAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, name
            case pageID = "page_id"
            case webhookURL = "webhook_url"
            case verifyToken = "verify_token"
            case createdAt = "created_at"
            case lastLeadAt = "last_lead_at"
        }

        init(_ page: LeadAdsPage, publicURL: String) throws {
            id = try page.requireID()
            pageID = page.pageID
            name = page.name
            webhookURL = publicURL + SiteRoute.hookMetaLeadgen.path
            createdAt = page.createdAt
            lastLeadAt = page.lastLeadAt
        }
    }

    struct LeadResponse: Content, Sendable {
        var id: UUID
        var leadgenID: String
        var formID: String?
        var adID: String?
        var state: String
        var contactID: UUID?
        var outcome: String?
        var error: String?
        var attempts: Int
        var receivedAt: Date
        var fetchedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, state, outcome, error, attempts
            case leadgenID = "leadgen_id"
            case formID = "form_id"
            case adID = "ad_id"
            case contactID = "contact_id"
            case receivedAt = "received_at"
            case fetchedAt = "fetched_at"
        }

        init(_ lead: CapturedLead) throws {
            id = try lead.requireID()
            leadgenID = lead.leadgenID
            formID = lead.formID
            adID = lead.adID
            state = lead.state.rawValue
            contactID = lead.contactID
            outcome = lead.outcome
            error = lead.error
            attempts = lead.attempts
            receivedAt = lead.receivedAt
            fetchedAt = lead.fetchedAt
        }
    }

    func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.api(.leadAdsPages).pathComponents, use: pages)
        routes.post(SiteRoute.api(.leadAdsPages).pathComponents, use: connect)
        routes.delete(SiteRoute.api(.leadAdsPage(.key)).pathComponents, use: disconnect)
        routes.get(SiteRoute.api(.leadAdsLeads).pathComponents, use: leads)
    }

    @Sendable func pages(req: Request, ctx: TenantContext) async throws -> Page<PageResponse> {
        try ctx.require(.manageSettings)
        let rows = try await LeadAdsPage.scoped(to: ctx, on: req.db).sort(\.$createdAt).all()
        return Page(data: try rows.map { try PageResponse($0, publicURL: req.nexo.settings.publicURL) }, nextCursor: nil)
    }

    @Sendable func connect(req: Request, ctx: TenantContext) async throws -> Response {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        let body = try req.jsonObject()
        var connection = LeadAdsService.Connection()
        var errors: [FieldError] = []
        for (key, value) in body.sorted(by: { $0.key < $1.key }) {
            let text: String?
            switch value {
            case .string(let string): text = string
            // Page ids are digits; as a JSON number only the exact, whole ones are taken (up to 2^53).
            case .number(let number) where key == "page_id" && number.rounded() == number && abs(number) < 9e15:
                text = String(Int64(number))
            default: text = nil
            }
            guard let text else {
                errors.append(FieldError(field: key, code: "field.type", message: "\(key) is a string."))
                continue
            }
            switch key {
            case "page_id": connection.pageID = text
            case "name": connection.name = text
            case "access_token": connection.accessToken = text
            case "app_secret": connection.appSecret = text
            default:
                errors.append(FieldError(field: key, code: "field.unknown", message: "\(key) is not a field of a page."))
            }
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
        let (page, verifyToken) = try await LeadAdsService(req: req, context: ctx).connect(connection)
        var response = try PageResponse(page, publicURL: req.nexo.settings.publicURL)
        response.verifyToken = verifyToken
        return try await response.encodeResponse(status: .created, for: req)
    }

    @Sendable func disconnect(req: Request, ctx: TenantContext) async throws -> HTTPStatus {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        let page = try await LeadAdsPage.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Page")
        try await LeadAdsService(req: req, context: ctx).disconnect(page)
        return .noContent
    }

    @Sendable func leads(req: Request, ctx: TenantContext) async throws -> Page<LeadResponse> {
        try ctx.require(.manageSettings)
        let rows = try await CapturedLead.scoped(to: ctx, on: req.db).sort(\.$receivedAt, .descending).limit(50).all()
        return Page(data: try rows.map(LeadResponse.init), nextCursor: nil)
    }
}
