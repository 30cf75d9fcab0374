import Fluent
import Foundation
import NexoCore
import Vapor
import VaporTesting

@testable import NexoServer

/// A business set up the way `nexo tenants create` does it: an owner with a password and an API token.
struct TestTenant: Sendable {
    let id: UUID
    let slug: String
    let token: String
    let ownerEmail: String
    let ownerPassword: String

    var auth: HTTPHeaders { ["Authorization": "Bearer \(token)"] }
}

extension Application {
    func makeTenant(
        name: String = "Clínica Sonrisa", country: String = "AR", ownerEmail: String? = nil, password: String = "secret123"
    ) async throws -> TestTenant {
        let email = ownerEmail ?? "owner-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let created = try await TenancyService(db: db, nexo: nexo).createTenant(
            SignUpForm(businessName: name, country: country, ownerName: "Owner", email: email, password: password),
            allowExistingUser: true, hasher: PasswordHasher(cost: 4))
        let tenantID = try created.tenant.requireID()
        let (_, token) = try await TenancyService.insertToken(name: "test", tenantID: tenantID, createdBy: nil, on: db)
        return TestTenant(id: tenantID, slug: created.tenant.slug, token: token, ownerEmail: email, ownerPassword: password)
    }

    /// Adds a member with a password and role to a tenant (what an accepted invitation does).
    func addMember(to tenant: TestTenant, role: Role, email: String? = nil, password: String = "secret123") async throws -> String
    {
        let address = email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let user = User(
            email: address, name: role.rawValue.capitalized, passwordHash: try Bcrypt.hash(password, cost: 4), locale: "es")
        try await user.create(on: db)
        try await Membership(tenantID: tenant.id, userID: try user.requireID(), role: role).create(on: db)
        return address
    }

    func setStatus(of tenant: TestTenant, _ status: TenantStatus, reason: String? = nil) async throws {
        let row = try await Tenant.find(tenant.id, on: db)!
        row.status = status
        row.statusReason = reason
        try await row.update(on: db)
    }
}

/// JSON request helpers for API tests.
extension TestingApplicationTester {
    func api(
        _ method: HTTPMethod, _ path: String, as tenant: TestTenant?, json: String? = nil, headers extra: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var headers = tenant?.auth ?? [:]
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        if json != nil { headers.contentType = .json }
        return try await sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestingHTTPResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var jsonList: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }
}
