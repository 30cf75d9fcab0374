import Foundation
import Vapor

/// A path parameter: `.key` when registering a route, `.value(x)` when building a link.
enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// Every URL Nexo answers, in one place: routes are registered from it and every link is built from it.
enum SiteRoute: Sendable {
    case home
    case signUp
    case signIn
    case signOut
    case switchTenant
    case locale
    case invitation(token: Parameter<String>)
    case dashboard
    case businessNew

    case contacts
    case contactNew
    case contactsExport
    case contactsImport
    case contactImportPage(Parameter<UUID>)
    case contactImportPageStart(Parameter<UUID>)
    case contactImportPageProgress(Parameter<UUID>)
    case contactImportPageRejected(Parameter<UUID>)
    case contact(Parameter<UUID>)
    case contactEdit(Parameter<UUID>)
    case contactDelete(Parameter<UUID>)
    case contactNotes(Parameter<UUID>)

    case settingsProfile
    case settingsMembers
    case settingsInvite
    case memberRole(Parameter<UUID>)
    case memberRemove(Parameter<UUID>)
    case invitationRevoke(Parameter<UUID>)
    case settingsTokens
    case tokenRevoke(Parameter<UUID>)
    case settingsAudit
    case settingsOutbox
    case outboxEmail(Parameter<UUID>)

    case unsubscribe(token: Parameter<String>)
    case automations
    case automationNew
    case automation(Parameter<UUID>)
    case automationToggle(Parameter<UUID>)
    case automationExplain(Parameter<UUID>)
    case automationRuns(Parameter<UUID>)
    case automationRun(Parameter<UUID>)
    case automationRunRetry(Parameter<UUID>)
    case settingsEmail
    case settingsEmailTest
    case settingsEmailGmailConnect
    case settingsEmailGmailCallback
    case settingsJobs
    case jobRetry(Parameter<UUID>)
    case jobCancel(Parameter<UUID>)
    case opsJobs
    case opsJobRetry(Parameter<UUID>)
    case opsJobCancel(Parameter<UUID>)
    case opsJobsRetryDead
    case settingsWebhookSources
    case settingsWebhookSource(Parameter<UUID>)
    case settingsWebhookSourceSecret(Parameter<UUID>)
    case settingsWebhookSourceRotate(Parameter<UUID>)
    case settingsWebhookSourceTest(Parameter<UUID>)
    case settingsWebhookSourceDelete(Parameter<UUID>)
    case settingsWebhookSubscriptions
    case settingsWebhookSubscription(Parameter<UUID>)
    case settingsWebhookSubscriptionEnable(Parameter<UUID>)
    case settingsWebhookSubscriptionDelete(Parameter<UUID>)
    case settingsLeadAds
    case settingsLeadAdsPageDelete(Parameter<UUID>)
    case settingsLeadAdsLeadRetry(Parameter<UUID>)
    case hookInbound(token: Parameter<String>)
    case hookMetaLeadgen
    case healthz
    case readyz
    case metrics

    case api(APIRoute)

    enum APIRoute: Sendable {
        case openAPI
        case me
        case contacts
        case contactsUpsert
        case contactsExport
        case contact(Parameter<UUID>)
        case contactTags(Parameter<UUID>)
        case contactTag(Parameter<UUID>, tag: Parameter<String>)
        case contactInteractions(Parameter<UUID>)
        case contactNotes(Parameter<UUID>)
        case automations
        case automation(Parameter<UUID>)
        case automationRuns(Parameter<UUID>)
        case automationRunRetry(Parameter<UUID>)
        case contactImports
        case contactImport(Parameter<UUID>)
        case contactImportStart(Parameter<UUID>)
        case contactImportRejected(Parameter<UUID>)
        case webhookSources
        case webhookSource(Parameter<UUID>)
        case webhookSourceRotateSecret(Parameter<UUID>)
        case webhookSourceTest(Parameter<UUID>)
        case webhookSourceDeliveries(Parameter<UUID>)
        case webhookSubscriptions
        case webhookSubscription(Parameter<UUID>)
        case webhookSubscriptionDeliveries(Parameter<UUID>)
        case leadAdsPages
        case leadAdsPage(Parameter<UUID>)
        case leadAdsLeads

        var components: [String] {
            switch self {
            case .openAPI: ["openapi.json"]
            case .me: ["me"]
            case .contacts: ["contacts"]
            case .contactsUpsert: ["contacts", "upsert"]
            case .contactsExport: ["contacts", "export"]
            case .contact(let id): ["contacts", Self.segment(id, "id")]
            case .contactTags(let id): ["contacts", Self.segment(id, "id"), "tags"]
            case .contactTag(let id, let tag): ["contacts", Self.segment(id, "id"), "tags", Self.segment(tag, "tag")]
            case .contactInteractions(let id): ["contacts", Self.segment(id, "id"), "interactions"]
            case .contactNotes(let id): ["contacts", Self.segment(id, "id"), "notes"]
            case .automations: ["automations"]
            case .automation(let id): ["automations", Self.segment(id, "id")]
            case .automationRuns(let id): ["automations", Self.segment(id, "id"), "runs"]
            case .automationRunRetry(let id): ["automation-runs", Self.segment(id, "id"), "retry"]
            case .contactImports: ["contact-imports"]
            case .contactImport(let id): ["contact-imports", Self.segment(id, "id")]
            case .contactImportStart(let id): ["contact-imports", Self.segment(id, "id"), "start"]
            case .contactImportRejected(let id): ["contact-imports", Self.segment(id, "id"), "rejected.csv"]
            case .webhookSources: ["webhook-sources"]
            case .webhookSource(let id): ["webhook-sources", Self.segment(id, "id")]
            case .webhookSourceRotateSecret(let id): ["webhook-sources", Self.segment(id, "id"), "rotate-secret"]
            case .webhookSourceTest(let id): ["webhook-sources", Self.segment(id, "id"), "test"]
            case .webhookSourceDeliveries(let id): ["webhook-sources", Self.segment(id, "id"), "deliveries"]
            case .webhookSubscriptions: ["webhook-subscriptions"]
            case .webhookSubscription(let id): ["webhook-subscriptions", Self.segment(id, "id")]
            case .webhookSubscriptionDeliveries(let id): ["webhook-subscriptions", Self.segment(id, "id"), "deliveries"]
            case .leadAdsPages: ["lead-ads", "pages"]
            case .leadAdsPage(let id): ["lead-ads", "pages", Self.segment(id, "id")]
            case .leadAdsLeads: ["lead-ads", "leads"]
            }
        }

        static func segment<V>(_ parameter: Parameter<V>, _ name: String) -> String {
            switch parameter {
            case .key: ":\(name)"
            case .value(let value): "\(value)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "\(value)"
            }
        }
    }

    private var components: [String] {
        switch self {
        case .home: return []
        case .signUp: return ["signup"]
        case .signIn: return ["signin"]
        case .signOut: return ["signout"]
        case .switchTenant: return ["switch-tenant"]
        case .locale: return ["locale"]
        case .invitation(let token): return ["invitations", APIRoute.segment(token, "token")]
        case .dashboard: return ["dashboard"]
        case .businessNew: return ["businesses", "new"]
        case .contacts: return ["contacts"]
        case .contactNew: return ["contacts", "new"]
        case .contactsExport: return ["contacts", "export.csv"]
        case .contactsImport: return ["contacts", "import"]
        case .contactImportPage(let id): return ["contacts", "imports", APIRoute.segment(id, "id")]
        case .contactImportPageStart(let id): return ["contacts", "imports", APIRoute.segment(id, "id"), "start"]
        case .contactImportPageProgress(let id): return ["contacts", "imports", APIRoute.segment(id, "id"), "progress"]
        case .contactImportPageRejected(let id): return ["contacts", "imports", APIRoute.segment(id, "id"), "rejected.csv"]
        case .contact(let id): return ["contacts", APIRoute.segment(id, "id")]
        case .contactEdit(let id): return ["contacts", APIRoute.segment(id, "id"), "edit"]
        case .contactDelete(let id): return ["contacts", APIRoute.segment(id, "id"), "delete"]
        case .contactNotes(let id): return ["contacts", APIRoute.segment(id, "id"), "notes"]
        case .settingsProfile: return ["settings", "profile"]
        case .settingsMembers: return ["settings", "members"]
        case .settingsInvite: return ["settings", "members", "invite"]
        case .memberRole(let id): return ["settings", "members", APIRoute.segment(id, "id"), "role"]
        case .memberRemove(let id): return ["settings", "members", APIRoute.segment(id, "id"), "remove"]
        case .invitationRevoke(let id): return ["settings", "invitations", APIRoute.segment(id, "id"), "revoke"]
        case .settingsTokens: return ["settings", "tokens"]
        case .tokenRevoke(let id): return ["settings", "tokens", APIRoute.segment(id, "id"), "revoke"]
        case .settingsAudit: return ["settings", "audit"]
        case .settingsOutbox: return ["settings", "outbox"]
        case .outboxEmail(let id): return ["settings", "outbox", APIRoute.segment(id, "id")]
        case .unsubscribe(let token): return ["u", APIRoute.segment(token, "token")]
        case .automations: return ["automations"]
        case .automationNew: return ["automations", "new"]
        case .automation(let id): return ["automations", APIRoute.segment(id, "id")]
        case .automationToggle(let id): return ["automations", APIRoute.segment(id, "id"), "toggle"]
        case .automationExplain(let id): return ["automations", APIRoute.segment(id, "id"), "explain"]
        case .automationRuns(let id): return ["automations", APIRoute.segment(id, "id"), "runs"]
        case .automationRun(let id): return ["automation-runs", APIRoute.segment(id, "id")]
        case .automationRunRetry(let id): return ["automation-runs", APIRoute.segment(id, "id"), "retry"]
        case .settingsEmail: return ["settings", "email"]
        case .settingsEmailTest: return ["settings", "email", "test"]
        case .settingsEmailGmailConnect: return ["settings", "email", "gmail", "connect"]
        case .settingsEmailGmailCallback: return ["settings", "email", "gmail", "callback"]
        case .settingsJobs: return ["settings", "jobs"]
        case .jobRetry(let id): return ["settings", "jobs", APIRoute.segment(id, "id"), "retry"]
        case .jobCancel(let id): return ["settings", "jobs", APIRoute.segment(id, "id"), "cancel"]
        case .opsJobs: return ["ops", "jobs"]
        case .opsJobRetry(let id): return ["ops", "jobs", APIRoute.segment(id, "id"), "retry"]
        case .opsJobCancel(let id): return ["ops", "jobs", APIRoute.segment(id, "id"), "cancel"]
        case .opsJobsRetryDead: return ["ops", "jobs", "retry-dead"]
        case .settingsWebhookSources: return ["settings", "webhooks"]
        case .settingsWebhookSource(let id): return ["settings", "webhooks", APIRoute.segment(id, "id")]
        case .settingsWebhookSourceSecret(let id): return ["settings", "webhooks", APIRoute.segment(id, "id"), "secret"]
        case .settingsWebhookSourceRotate(let id): return ["settings", "webhooks", APIRoute.segment(id, "id"), "rotate"]
        case .settingsWebhookSourceTest(let id): return ["settings", "webhooks", APIRoute.segment(id, "id"), "test"]
        case .settingsWebhookSourceDelete(let id): return ["settings", "webhooks", APIRoute.segment(id, "id"), "delete"]
        case .settingsWebhookSubscriptions: return ["settings", "outbound-webhooks"]
        case .settingsWebhookSubscription(let id): return ["settings", "outbound-webhooks", APIRoute.segment(id, "id")]
        case .settingsWebhookSubscriptionEnable(let id):
            return ["settings", "outbound-webhooks", APIRoute.segment(id, "id"), "enable"]
        case .settingsWebhookSubscriptionDelete(let id):
            return ["settings", "outbound-webhooks", APIRoute.segment(id, "id"), "delete"]
        case .settingsLeadAds: return ["settings", "lead-ads"]
        case .settingsLeadAdsPageDelete(let id): return ["settings", "lead-ads", "pages", APIRoute.segment(id, "id"), "delete"]
        case .settingsLeadAdsLeadRetry(let id): return ["settings", "lead-ads", "leads", APIRoute.segment(id, "id"), "retry"]
        case .hookInbound(let token): return ["hooks", "in", APIRoute.segment(token, "token")]
        case .hookMetaLeadgen: return ["hooks", "meta", "leadgen"]
        case .healthz: return ["healthz"]
        case .readyz: return ["readyz"]
        case .metrics: return ["metrics"]
        case .api(let api): return ["api", "v1"] + api.components
        }
    }

    /// For registering the route (`:id` placeholders where the route was built with `.key`).
    var pathComponents: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }

    /// For links: "/contacts/6F1C…".
    var path: String { "/" + components.joined(separator: "/") }

    func path(query: [String: String?]) -> String {
        let items = query.compactMap { key, value in value.flatMap { $0.isEmpty ? nil : URLQueryItem(name: key, value: $0) } }
            .sorted { $0.name < $1.name }
        guard !items.isEmpty else { return path }
        var components = URLComponents()
        components.queryItems = items
        return path + "?" + (components.percentEncodedQuery ?? "")
    }
}
