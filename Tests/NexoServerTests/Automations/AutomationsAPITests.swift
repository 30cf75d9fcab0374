import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Automations API")
struct AutomationsAPITests {
    @Test func theListHasTheBuiltInsInTheirJSONShapes() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let response = try await app.testing().api(.GET, "/api/v1/automations", as: tenant)
            #expect(response.status == .ok)
            let list = response.jsonList
            #expect(list.compactMap { $0["builtin"] as? String }.sorted() == ["birthday", "reactivation", "welcome"])
            let birthday = try #require(list.first { $0["builtin"] as? String == "birthday" })
            let trigger = try #require(birthday["trigger"] as? [String: Any])
            #expect(trigger["type"] as? String == "schedule")
            #expect((trigger["schedule"] as? [String: Any])?["time"] as? String == "08:00")
            #expect(birthday["reentry"] as? String == "once_per_year")
        }
    }

    @Test func patchingSwitchesOnAndAnInvalidChangeIsRefusedWithEveryProblem() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            let path = "/api/v1/automations/\(try welcome.requireID())"
            let on = try await app.testing().api(.PATCH, path, as: tenant, json: #"{"enabled":true}"#)
            #expect(on.status == .ok)
            #expect(on.json["enabled"] as? Bool == true)
            let bad = try await app.testing().api(
                .PATCH, path, as: tenant,
                json: #"{"steps":[{"type":"send_email","subject":"Hola {{contact.frist_name}}","text":""}],"colour":"red"}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = Set((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["colour", "steps[0].subject", "steps[0].text"])
            #expect(try await Automation.find(welcome.id, on: app.db)?.stepsJSON == welcome.stepsJSON)
        }
    }

    @Test func runsArePagedAndARunCanBeRetried() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            for name in ["ana", "beto", "carla"] {
                _ = try await app.createContact(
                    tenant, #"{"email":"\#(name)@example.com","consent":{"email":{"state":"given"}}}"#)
            }
            try await app.runAutomations()
            let path = "/api/v1/automations/\(try welcome.requireID())/runs"
            let first = try await app.testing().api(.GET, path + "?limit=2", as: tenant)
            #expect(first.jsonList.count == 2)
            let cursor = try #require(first.json["next_cursor"] as? String)
            let second = try await app.testing().api(.GET, path + "?limit=2&cursor=\(cursor)", as: tenant)
            #expect(second.jsonList.count == 1)
            #expect(second.json["next_cursor"] is NSNull)
            let ids = Set((first.jsonList + second.jsonList).compactMap { $0["id"] as? String })
            #expect(ids.count == 3)
            #expect(try await app.testing().api(.GET, path + "?state=nonsense", as: tenant).status == .badRequest)
            let retried = try await app.testing().api(
                .POST, "/api/v1/automation-runs/\(ids.first!)/retry", as: tenant, json: #"{"from":"start"}"#)
            #expect(retried.status == .accepted)
            try await app.runAutomations()
            #expect(try await app.outbox(tenant).count == 4)
            // a second retry request for a run that is already running again is refused
            let again = try await app.testing().api(
                .POST, "/api/v1/automation-runs/\(ids.first!)/retry", as: tenant, json: #"{"from":"failed_step"}"#)
            #expect(again.status == .conflict)
        }
    }
}
