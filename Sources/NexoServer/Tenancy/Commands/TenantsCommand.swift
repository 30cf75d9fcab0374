import Fluent
import Foundation
import NexoCore
import Vapor

/// `nexo tenants create|list|set-status`: set tenants up from scripts and tests, and let operators act on them.
struct TenantsCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "create": TenantsCreateCommand(),
        "list": TenantsListCommand(),
        "set-status": TenantsSetStatusCommand(),
    ]
    var help: String { "Create, list and suspend tenants" }
}

struct TenantsCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "name", help: "Business name") var name: String?
        @Option(name: "country", help: "ISO 3166 alpha-2 code, e.g. AR") var country: String?
        @Option(name: "owner-email", help: "Owner's e-mail") var ownerEmail: String?
        @Option(name: "owner-name", help: "Owner's name (default: the part of the e-mail before @)") var ownerName: String?
        @Option(name: "owner-password", help: "Owner's password; without it an invitation link is printed") var ownerPassword:
            String?
        @Option(name: "locale", help: "es or en (default: the country's)") var locale: String?
        @Option(name: "plan", help: "free, starter, pro or enterprise") var plan: String?
        @Flag(name: "json", help: "Print one JSON line") var json: Bool
    }

    var help: String { "Create a tenant with its owner and an API token" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let email = signature.ownerEmail ?? ""
        let form = SignUpForm(
            businessName: signature.name ?? "", country: signature.country ?? "",
            ownerName: signature.ownerName ?? String(email.split(separator: "@").first ?? ""), email: email,
            password: signature.ownerPassword, locale: signature.locale)
        var plan = Plan.free
        if let raw = signature.plan {
            guard let parsed = Plan(rawValue: raw) else {
                throw CommandFailure("--plan must be free, starter, pro or enterprise")
            }
            plan = parsed
        }
        do {
            let created = try await TenancyService(db: app.db, nexo: app.nexo)
                .createTenant(form, allowExistingUser: true, hasher: PasswordHasher(cost: app.nexo.settings.bcryptCost))
            let tenantID = try created.tenant.requireID()
            if plan != .free {
                created.tenant.plan = plan
                try await created.tenant.update(on: app.db)
            }
            let (_, token) = try await TenancyService.insertToken(name: "CLI", tenantID: tenantID, createdBy: nil, on: app.db)
            var output: [String: String] = [
                "tenant_id": tenantID.uuidString, "slug": created.tenant.slug, "api_token": token,
                "owner_user_id": try created.owner.requireID().uuidString, "owner_email": created.owner.email,
                "country": created.tenant.country, "time_zone": created.tenant.timeZone, "locale": created.tenant.locale,
                "plan": created.tenant.plan.rawValue,
            ]
            if let url = created.invitationURL { output["invitation_url"] = url }
            if signature.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                context.console.output(String(decoding: try encoder.encode(output), as: UTF8.self), style: .plain)
            } else {
                for key in output.keys.sorted() { context.console.print("\(key): \(output[key] ?? "")") }
            }
        } catch let failure as ValidationFailure {
            let flags = [
                "business_name": "--name", "country": "--country", "owner_name": "--owner-name", "email": "--owner-email",
                "password": "--owner-password", "locale": "--locale",
            ]
            throw CommandFailure(failure.errors.map { "\(flags[$0.field] ?? $0.field): \($0.message)" }.joined(separator: "\n"))
        }
    }
}

struct TenantsListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "List tenants" }

    func run(using context: CommandContext, signature: Signature) async throws {
        for tenant in try await Tenant.query(on: context.application.db).sort(\.$createdAt).all() {
            context.console.print(
                "\(tenant.id?.uuidString ?? "")  \(tenant.slug)  \(tenant.country)  \(tenant.plan.rawValue)  \(tenant.status.rawValue)  \(tenant.name)"
            )
        }
    }
}

struct TenantsSetStatusCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "tenant", help: "Tenant id or slug") var tenant: String?
        @Option(name: "status", help: "trial, active, suspended or banned") var status: String?
        @Option(name: "reason", help: "Shown to the tenant's members") var reason: String?
    }

    var help: String { "Activate, suspend or ban a tenant" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let tenant = try await TenantLookup.require(signature.tenant, on: db)
        guard let status = signature.status.flatMap(TenantStatus.init(rawValue:)) else {
            throw CommandFailure("--status must be trial, active, suspended or banned")
        }
        tenant.status = status
        tenant.statusReason = signature.reason
        try await tenant.update(on: db)
        try await AuditLog.record(
            "tenant.status_changed", tenantID: try tenant.requireID(), actor: .system("operator (CLI)"), entityType: "tenant",
            entityID: try tenant.requireID().uuidString, details: ["status": status.rawValue, "reason": signature.reason ?? ""],
            on: db)
        context.console.print("\(tenant.slug): \(status.rawValue)")
    }
}

enum TenantLookup {
    /// The tenant named by a `--tenant` option, or a failure that says what the option needs.
    static func require(_ key: String?, on db: any Database) async throws -> Tenant {
        guard let key, let tenant = try await find(key, on: db) else {
            throw CommandFailure("--tenant must be an existing tenant's id or slug")
        }
        return tenant
    }

    static func find(_ key: String, on db: any Database) async throws -> Tenant? {
        if let id = UUID(uuidString: key) { return try await Tenant.find(id, on: db) }
        return try await Tenant.query(on: db).filter(\.$slug == key).first()
    }
}

struct CommandFailure: Error, CustomStringConvertible, LocalizedError {
    let description: String
    init(_ message: String) { description = message }
    var errorDescription: String? { description }
}
