import Fluent
import Foundation
import NexoCore
import Vapor

/// Fetches one announced lead from the Graph API with its page's token and stores it as a contact (source
/// `lead_ads`, with the form, ad and lead ids and the custom answers in metadata). A lead Meta will not give is
/// tried again; after the last attempt it is marked failed with Meta's error.
struct LeadAdsFetchJob: JobHandler {
    static let kind = "lead_ads.fetch"
    static let maxAttempts = 6
    var kind: String { Self.kind }
    var timeout: Duration { .seconds(60) }

    struct Payload: Decodable { let lead_id: UUID }

    struct ReceivedEvent: Encodable {
        let pageID: String
        let leadgenID: String
        let formID: String?
        let adID: String?
        let outcome: String
        let fields: [String: String]

        enum CodingKeys: String, CodingKey {
            case outcome, fields
            case pageID = "page_id"
            case leadgenID = "leadgen_id"
            case formID = "form_id"
            case adID = "ad_id"
        }
    }

    private struct Rejected: Error { let message: String }

    func run(_ job: ClaimedJob, app: Application) async throws {
        let id = try job.decode(Payload.self).lead_id
        guard
            let lead = try await CapturedLead.query(on: app.db).filter(\.$id == id).filter(\.$tenantID == job.tenantID)
                .first(),
            lead.state == .queued,
            let page = try await LeadAdsPage.query(on: app.db).filter(\.$id == lead.pageID)
                .filter(\.$tenantID == job.tenantID).first(),
            let tenant = try await Tenant.find(job.tenantID, on: app.db)
        else { return }
        let now = app.nexo.clock.now
        lead.attempts = job.attempts

        let graphLead: LeadAdsLead
        do {
            let token = try app.nexo.secrets.open(page.accessToken)
            let data = try await app.metaGraph.lead(id: lead.leadgenID, accessToken: token)
            graphLead = try LeadAdsLead(graphJSON: data)
        } catch let error as MetaGraphError {
            lead.error = error.description
            if job.attempts >= job.maxAttempts {
                lead.state = .failed
                try await lead.update(on: app.db)
                throw JobFailure.permanent(error.description)
            }
            try await lead.update(on: app.db)
            throw JobFailure.temporary(error.description)
        } catch let error as LeadgenPayloadError {
            try await fail(lead, "Meta answered something that is not a lead: \(error.message)", app: app)
            throw JobFailure.permanent(error.message)
        }

        let context = try TenantContext(tenant: tenant, actor: .system("Lead Ads “\(page.name)”"), role: .owner)
        let row: ContactImportRow
        do throws(RowRejection) {
            row = try graphLead.row(options: InboundWebhooks.options(for: tenant, now: now))
        } catch {
            try await fail(lead, error.problems.map(\.message).joined(separator: " "), app: app)
            return
        }
        do {
            try await app.db.writeTransaction { tx in
                let (outcome, contact) = try await ContactService(db: tx, context: context).importRow(
                    row, source: "lead_ads", on: tx)
                let name: String
                switch outcome {
                case .rejected(let problems): throw Rejected(message: problems.map(\.message).joined(separator: " "))
                case .created: name = "created"
                case .updated: name = "updated"
                case .unchanged: name = "unchanged"
                }
                guard let contactID = contact?.id else { throw Rejected(message: "The contact could not be stored.") }
                lead.state = .fetched
                lead.contactID = contactID
                lead.outcome = name
                lead.error = nil
                lead.fetchedAt = now
                if lead.formID == nil { lead.formID = graphLead.formID }
                if lead.adID == nil { lead.adID = graphLead.adID }
                try await lead.update(on: tx)
                page.lastLeadAt = now
                try await page.update(on: tx)
                try await Interaction(
                    tenantID: job.tenantID, contactID: contactID, type: "lead_received", channel: "lead_ads",
                    summary: page.name, actorLabel: context.actor.label, occurredAt: now
                ).create(on: tx)
                var fields: [String: String] = [:]
                for field in graphLead.fieldData { fields[field.name] = field.values.joined(separator: ", ") }
                try await DomainEvents.record(
                    "lead.received", tenantID: job.tenantID, entityID: contactID,
                    payload: ReceivedEvent(
                        pageID: page.pageID, leadgenID: lead.leadgenID, formID: lead.formID, adID: lead.adID,
                        outcome: name, fields: fields),
                    on: tx, at: now)
            }
        } catch let rejected as Rejected {
            try await fail(lead, rejected.message, app: app)
        }
    }

    private func fail(_ lead: CapturedLead, _ message: String, app: Application) async throws {
        lead.state = .failed
        lead.error = message
        try await lead.update(on: app.db)
    }
}

extension Application {
    /// Meta's Graph API, at `NEXO_META_GRAPH_URL`.
    var metaGraph: any MetaGraph { LiveMetaGraph(app: self) }
}
