import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

extension Application {
    /// What the leader and workers do in the background, done now: dispatch events, fire due schedules, run jobs,
    /// until nothing is left.
    func runAutomations() async throws {
        for _ in 0..<20 {
            let events = try await AutomationEngine(app: self).dispatchPendingEvents()
            let fires = try await AutomationScheduler(app: self).tick()
            let jobs = try await runJobs()
            if events == 0 && fires == 0 && jobs == 0 { return }
        }
    }

    func automation(_ builtin: String, of tenant: TestTenant) async throws -> Automation {
        try #require(
            try await Automation.query(on: db).filter(\.$tenantID == tenant.id).filter(\.$builtin == builtin).first())
    }

    /// Switches an automation on the way the editor does: the schedule's next time is set from the clock.
    func enable(_ automation: Automation) async throws {
        automation.enabled = true
        let tenant = try #require(try await Tenant.find(automation.tenantID, on: db))
        automation.nextFireAt = try AutomationScheduler.nextFire(for: automation, tenant: tenant, after: nexo.clock.now)
        try await automation.update(on: db)
    }

    func createContact(_ tenant: TestTenant, _ json: String) async throws -> UUID {
        let response = try await testing().api(.POST, "/api/v1/contacts", as: tenant, json: json)
        #expect(response.status == .created, "\(response.body.string)")
        return UUID(uuidString: response.json["id"] as? String ?? "")!
    }

    func outbox(_ tenant: TestTenant) async throws -> [OutboxEmail] {
        try await OutboxEmail.query(on: db).filter(\.$tenantID == tenant.id).filter(\.$kind != "invitation")
            .sort(\.$toAddress).all()
    }

    func runs(of automation: Automation) async throws -> [AutomationRun] {
        try await AutomationRun.query(on: db).filter(\.$automationID == automation.requireID()).sort(\.$createdAt).all()
    }

    /// Sets a contact's creation and last interaction times directly (a contact from the past).
    func backdate(_ contactID: UUID, created: Date, lastInteraction: Date? = nil) async throws {
        try await Contact.query(on: db).filter(\.$id == contactID).set(\.$createdAt, to: created)
            .set(\.$lastInteractionAt, to: lastInteraction).update()
    }
}

/// A date in a time zone, for pinning the clock: `date(2026, 3, 14, 8, 0, in: "America/Argentina/Buenos_Aires")`.
func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, in zone: String) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone)!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

let buenosAires = "America/Argentina/Buenos_Aires"
