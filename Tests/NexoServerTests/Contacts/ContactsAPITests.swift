import Fluent
import Foundation
import NexoCore
import Testing
import VaporTesting

@testable import NexoServer

@Suite("Contacts API")
struct ContactsAPITests {
    @Test func createReturns201WithTheNormalizedContact() async throws {
        try await TestApp.run { app in
            // Given a tenant in Argentina
            let tenant = try await app.makeTenant(country: "AR")
            let client = try app.testing()
            // When a contact is created with a domestic phone and a mixed-case e-mail
            let response = try await client.api(
                .POST, "/api/v1/contacts", as: tenant,
                json:
                    #"{"first_name":" José ","last_name":"Núñez","email":" Jose@Example.COM ","phone":"011 15 3333-2222","birthday":"--05-17","tags":["VIP","vip "," Ortodoncia"]}"#
            )
            // Then it is stored normalized
            #expect(response.status == .created)
            let body = response.json
            #expect(body["first_name"] as? String == "José")
            #expect(body["email"] as? String == "jose@example.com")
            #expect(body["phone"] as? String == "+5491133332222")
            #expect(body["phone_valid"] as? Bool == true)
            #expect(body["birthday"] as? String == "--05-17")
            #expect(body["tags"] as? [String] == ["vip", "ortodoncia"])
            #expect(body["source"] as? String == "api")
        }
    }

    @Test func unparseablePhoneIsKeptAsTypedAndFlagged() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let response = try await app.testing().api(
                .POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"Ana","phone":"llamar a la oficina"}"#)
            #expect(response.status == .created)
            #expect(response.json["phone"] as? String == "llamar a la oficina")
            #expect(response.json["phone_valid"] as? Bool == false)
        }
    }

    @Test func duplicateEmailAnswers409WithTheExistingId() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let first = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"email":"ana@example.com"}"#)
            let second = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"email":"ANA@example.com "}"#)
            #expect(second.status == .conflict)
            #expect(second.headers.contentType?.description.contains("problem+json") == true)
            #expect(second.json["existing_id"] as? String == first.json["id"] as? String)
        }
    }

    @Test func samePhoneWrittenWithAndWithoutMobileNineIsADuplicate() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant(country: "AR")
            let client = try app.testing()
            _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"phone":"+54 9 11 3333-2222"}"#)
            let second = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"phone":"+54 11 3333 2222"}"#)
            #expect(second.status == .conflict)
        }
    }

    @Test func theSameEmailInAnotherTenantIsNotADuplicate() async throws {
        try await TestApp.run { app in
            let a = try await app.makeTenant(name: "A")
            let b = try await app.makeTenant(name: "B")
            let client = try app.testing()
            #expect(
                try await client.api(.POST, "/api/v1/contacts", as: a, json: #"{"email":"x@example.com"}"#).status == .created)
            #expect(
                try await client.api(.POST, "/api/v1/contacts", as: b, json: #"{"email":"x@example.com"}"#).status == .created)
        }
    }

    @Test func validationNamesEveryBadField() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let response = try await app.testing().api(
                .POST, "/api/v1/contacts", as: tenant,
                json: #"{"email":"not-an-email","birthday":"2023-02-31","score":"high","nickname":"x","status":"VIP Client!"}"#)
            #expect(response.status == .unprocessableEntity)
            let fields = Set((response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["nickname", "score"])
            // Type errors are reported first; once types are right, the values are checked.
            let second = try await app.testing().api(
                .POST, "/api/v1/contacts", as: tenant,
                json: #"{"email":"not-an-email","birthday":"2023-02-31","status":"VIP Client!"}"#)
            let valueFields = Set((second.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(valueFields == ["email", "birthday", "status"])
        }
    }

    @Test func aContactWithoutNameEmailOrPhoneIsRejected() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let response = try await app.testing().api(.POST, "/api/v1/contacts", as: tenant, json: #"{"company":"ACME"}"#)
            #expect(response.status == .unprocessableEntity)
        }
    }

    @Test func malformedJSONAnswers400() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            #expect(try await client.api(.POST, "/api/v1/contacts", as: tenant, json: "{nope").status == .badRequest)
            #expect(try await client.api(.POST, "/api/v1/contacts", as: tenant, json: "[1,2]").status == .badRequest)
            #expect(try await client.api(.POST, "/api/v1/contacts", as: tenant, json: nil).status == .badRequest)
        }
    }

    @Test func missingOrWrongTokenAnswers401() async throws {
        try await TestApp.run { app in
            let client = try app.testing()
            #expect(try await client.api(.GET, "/api/v1/contacts", as: nil).status == .unauthorized)
            let fake = TestTenant(id: UUID(), slug: "x", token: "nexo_wrong", ownerEmail: "", ownerPassword: "")
            #expect(try await client.api(.GET, "/api/v1/contacts", as: fake).status == .unauthorized)
        }
    }

    @Test func patchChangesOnlyTheGivenFieldsAndNullClears() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let created = try await client.api(
                .POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"Ana","company":"ACME","metadata":{"a":1,"b":2}}"#)
            let id = created.json["id"] as! String
            let patched = try await client.api(
                .PATCH, "/api/v1/contacts/\(id)", as: tenant,
                json: #"{"company":null,"last_name":"Gómez","metadata":{"b":null,"c":"x"}}"#)
            #expect(patched.status == .ok)
            #expect(patched.json["first_name"] as? String == "Ana")
            #expect(patched.json["last_name"] as? String == "Gómez")
            #expect(patched.json["company"] is NSNull)
            #expect((patched.json["metadata"] as? [String: Any])?.keys.sorted() == ["a", "c"])
        }
    }

    @Test func upsertMatchesByEmailThenPhone() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant(country: "MX")
            let client = try app.testing()
            let created = try await client.api(
                .POST, "/api/v1/contacts/upsert", as: tenant, json: #"{"first_name":"Luis","phone":"55 1234 5678"}"#)
            #expect(created.status == .created)
            let matched = try await client.api(
                .POST, "/api/v1/contacts/upsert", as: tenant, json: #"{"phone":"+52 1 55 1234 5678","email":"luis@example.com"}"#)
            #expect(matched.status == .ok)
            #expect(matched.json["id"] as? String == created.json["id"] as? String)
            #expect(matched.json["email"] as? String == "luis@example.com")
            #expect(matched.json["first_name"] as? String == "Luis")
        }
    }

    @Test func listPagesWithACursorWithoutRepeatsOrGaps() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            for i in 0..<7 {
                _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"C\#(i)"}"#)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/api/v1/contacts?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.api(.GET, path, as: tenant)
                #expect(page.status == .ok)
                seen += page.jsonList.compactMap { $0["first_name"] as? String }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen == (0..<7).reversed().map { "C\($0)" })
        }
    }

    @Test func badPagingParametersAnswer400() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            #expect(try await client.api(.GET, "/api/v1/contacts?limit=0", as: tenant).status == .badRequest)
            #expect(try await client.api(.GET, "/api/v1/contacts?limit=500", as: tenant).status == .badRequest)
            #expect(try await client.api(.GET, "/api/v1/contacts?cursor=garbage", as: tenant).status == .badRequest)
            #expect(try await client.api(.GET, "/api/v1/contacts?birthday_month=13", as: tenant).status == .badRequest)
        }
    }

    @Test func searchIgnoresCaseAndAccents() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"José","last_name":"Núñez"}"#)
            _ = try await client.api(
                .POST, "/api/v1/contacts", as: tenant,
                json: #"{"first_name":"Pedro","email":"pedro@example.com","phone":"+5491144445555"}"#)
            let byName = try await client.api(.GET, "/api/v1/contacts?q=nunez", as: tenant)
            #expect(byName.jsonList.map { $0["last_name"] as? String } == ["Núñez"])
            let byUpper = try await client.api(.GET, "/api/v1/contacts?q=JOSE", as: tenant)
            #expect(byUpper.jsonList.count == 1)
            let byPhone = try await client.api(.GET, "/api/v1/contacts?q=4444", as: tenant)
            #expect(byPhone.jsonList.map { $0["first_name"] as? String } == ["Pedro"])
            let wildcard = try await client.api(.GET, "/api/v1/contacts?q=%25", as: tenant)
            #expect(wildcard.jsonList.isEmpty)
        }
    }

    @Test func filtersByTagStatusSourceAndBirthdayMonth() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            _ = try await client.api(
                .POST, "/api/v1/contacts", as: tenant,
                json: #"{"first_name":"A","tags":["vip"],"status":"customer","birthday":"1990-05-17"}"#)
            _ = try await client.api(
                .POST, "/api/v1/contacts", as: tenant,
                json: #"{"first_name":"B","tags":["nuevo"],"source":"csv","birthday":"--06-01"}"#)
            func names(_ query: String) async throws -> [String] {
                try await client.api(.GET, "/api/v1/contacts?\(query)", as: tenant).jsonList.compactMap {
                    $0["first_name"] as? String
                }
            }
            #expect(try await names("tag=VIP") == ["A"])
            #expect(try await names("status=customer") == ["A"])
            #expect(try await names("source=csv") == ["B"])
            #expect(try await names("birthday_month=6") == ["B"])
            #expect(try await names("created_from=2000-01-01").count == 2)
            #expect(try await names("created_to=2000-01-01").isEmpty)
        }
    }

    @Test func tagsCanBeAddedAndRemoved() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let id =
                try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"A","tags":["uno"]}"#).json[
                    "id"] as! String
            let added = try await client.api(.POST, "/api/v1/contacts/\(id)/tags", as: tenant, json: #"{"tags":["Dos","uno"]}"#)
            #expect(added.json["tags"] as? [String] == ["uno", "dos"])
            let removed = try await client.api(.DELETE, "/api/v1/contacts/\(id)/tags/UNO", as: tenant)
            #expect(removed.json["tags"] as? [String] == ["dos"])
            #expect(try await client.api(.GET, "/api/v1/contacts?tag=uno", as: tenant).jsonList.isEmpty)
        }
    }

    @Test func timelineShowsCreationAndNotes() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let id =
                try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"A"}"#).json["id"] as! String
            let note = try await client.api(
                .POST, "/api/v1/contacts/\(id)/notes", as: tenant, json: #"{"text":"Prefiere turnos a la tarde"}"#)
            #expect(note.status == .created)
            let timeline = try await client.api(.GET, "/api/v1/contacts/\(id)/interactions", as: tenant)
            #expect(timeline.jsonList.map { $0["type"] as? String } == ["note_added", "contact_created"])
            #expect(
                try await client.api(.POST, "/api/v1/contacts/\(id)/notes", as: tenant, json: #"{"text":"  "}"#).status
                    == .unprocessableEntity)
        }
    }

    @Test func timelinePagesWithACursor() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let id =
                try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"A"}"#).json["id"] as! String
            for i in 0..<4 {
                _ = try await client.api(.POST, "/api/v1/contacts/\(id)/notes", as: tenant, json: #"{"text":"n\#(i)"}"#)
            }
            var summaries: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.api(
                    .GET, "/api/v1/contacts/\(id)/interactions?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), as: tenant)
                summaries += page.jsonList.compactMap { $0["summary"] as? String }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(summaries == ["n3", "n2", "n1", "n0", "api"])
        }
    }

    @Test func deleteErasesThePersonAndKeepsOnlyTheIdInTheAuditLog() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let id =
                try await client.api(
                    .POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"Secreta","email":"secreta@example.com"}"#
                ).json["id"] as! String
            _ = try await client.api(.POST, "/api/v1/contacts/\(id)/notes", as: tenant, json: #"{"text":"dato sensible"}"#)
            #expect(try await client.api(.DELETE, "/api/v1/contacts/\(id)", as: tenant).status == .noContent)
            #expect(try await client.api(.GET, "/api/v1/contacts/\(id)", as: tenant).status == .notFound)
            let interactions = try await Interaction.query(on: app.db).count()
            #expect(interactions == 0)
            let events = try await DomainEvent.query(on: app.db).all()
            #expect(!events.contains { $0.payload.contains("secreta") })
            #expect(events.map(\.type).contains("contact.deleted"))
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "contact.erased").all()
            #expect(audit.count == 1)
            #expect(audit.first?.entityID?.lowercased() == id.lowercased())
            let details = audit.first?.details ?? ""
            #expect(details.contains("secreta") == false)
        }
    }

    @Test func changesWriteDomainEventsInTheSameTransaction() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let id =
                try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"A"}"#).json["id"] as! String
            _ = try await client.api(.PATCH, "/api/v1/contacts/\(id)", as: tenant, json: #"{"status":"customer"}"#)
            _ = try await client.api(.PATCH, "/api/v1/contacts/\(id)", as: tenant, json: #"{"status":"customer"}"#)
            let types = try await DomainEvent.query(on: app.db).sort(\.$occurredAt).all().map(\.type)
            #expect(types == ["contact.created", "contact.updated"])
        }
    }

    @Test func idempotencyKeyReplaysTheFirstResponse() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let first = try await client.api(
                .POST, "/api/v1/contacts", as: tenant, json: #"{"email":"i@example.com"}"#, headers: ["Idempotency-Key": "k-1"])
            let again = try await client.api(
                .POST, "/api/v1/contacts", as: tenant, json: #"{"email":"i@example.com"}"#, headers: ["Idempotency-Key": "k-1"])
            #expect(first.status == .created)
            #expect(again.status == .created)
            #expect(again.json["id"] as? String == first.json["id"] as? String)
            #expect(try await Contact.query(on: app.db).count() == 1)
        }
    }

    @Test func exportStreamsCSVWithBOMAndTheImportColumns() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            _ = try await client.api(
                .POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"José","last_name":"Núñez, hijo","tags":["a","b"]}"#)
            _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"=cmd()"}"#)
            let response = try await client.api(.GET, "/api/v1/contacts/export", as: tenant)
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "csv")
            let bytes = Array(response.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("first_name,last_name,email,phone") == true)
            #expect(lines.count == 3)
            #expect(text.contains("José,\"Núñez, hijo\""))
            #expect(text.contains("'=cmd()"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "contacts.exported").count() == 1)
        }
    }

    @Test func oversizedBodyAnswers413() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let big = #"{"notes":""# + String(repeating: "x", count: 2 << 20) + #""}"#
            // Over real HTTP: the limit is enforced while the body streams in.
            let response = try await app.testing(method: .running(hostname: "127.0.0.1", port: 0))
                .api(.POST, "/api/v1/contacts", as: tenant, json: big)
            #expect(response.status == .payloadTooLarge)
        }
    }
}

@Suite("Contacts search index and concurrency")
struct ContactsSearchIndexTests {
    @Test func searchFollowsRenamesAndDeletions() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let id =
                try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"Ramírez"}"#).json["id"]
                as! String
            _ = try await client.api(.PATCH, "/api/v1/contacts/\(id)", as: tenant, json: #"{"first_name":"Benítez"}"#)
            #expect(try await client.api(.GET, "/api/v1/contacts?q=ramirez", as: tenant).jsonList.isEmpty)
            #expect(try await client.api(.GET, "/api/v1/contacts?q=benitez", as: tenant).jsonList.count == 1)
            _ = try await client.api(.DELETE, "/api/v1/contacts/\(id)", as: tenant)
            #expect(try await client.api(.GET, "/api/v1/contacts?q=benitez", as: tenant).jsonList.isEmpty)
        }
    }

    @Test func searchWithManyMatchesStillReturnsTheNewestFirst() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            _ = try await DemoContacts(tenantID: tenant.id, country: "AR", seed: 1).insert(count: 1200, on: app.db) { _ in }
            let client = try app.testing()
            let page = try await client.api(.GET, "/api/v1/contacts?q=example.com", as: tenant)
            let times = page.jsonList.compactMap { $0["created_at"] as? String }
            #expect(times.count == 50)
            #expect(times == times.sorted(by: >))
            #expect(page.json["next_cursor"] is String)
            let newest = try await client.api(.GET, "/api/v1/contacts?limit=1", as: tenant).jsonList.first?["id"] as? String
            #expect(page.jsonList.first?["id"] as? String == newest)
            let rare = try await client.api(.GET, "/api/v1/contacts?q=.1199%40example", as: tenant)
            #expect(rare.jsonList.count == 1)
        }
    }

    @Test func searchTermsWithQuotesAndWildcardsAreLiteral() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"O\"Neil 100%_x"}"#)
            _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"Otro 1000 x"}"#)
            #expect(try await client.api(.GET, "/api/v1/contacts?q=o%22neil", as: tenant).jsonList.count == 1)
            #expect(try await client.api(.GET, "/api/v1/contacts?q=100%25_", as: tenant).jsonList.count == 1)
        }
    }

    @Test func concurrentCreatesAllSucceed() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        try await client.api(
                            .POST, "/api/v1/contacts", as: tenant, json: #"{"email":"c\#(i)@example.com","tags":["t"]}"#
                        ).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses)")
            #expect(try await Contact.query(on: app.db).count() == 20)
        }
    }
}

@Suite("SQLite search index upkeep")
struct ContactSearchIndexUpkeepTests {
    @Test func anIndexOutOfStepWithTheContactsIsRebuilt() async throws {
        // SQLite only: PostgreSQL's trigram index is part of the table and cannot drift.
        try await TestApp.run(database: .sqlite(path: ":memory:")) { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            for name in ["Núñez", "Ramírez", "Benítez", "Gómez", "Ibáñez", "Acosta"] {
                _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"\#(name)"}"#)
            }
            try await app.db.sql.raw("INSERT INTO contacts_fts(contacts_fts) VALUES ('delete-all')").run()
            #expect(try await client.api(.GET, "/api/v1/contacts?q=nunez", as: tenant).jsonList.isEmpty)
            try await ContactSearchIndex.repairIfOutOfStep(on: app.db, logger: app.logger)
            #expect(try await client.api(.GET, "/api/v1/contacts?q=nunez", as: tenant).jsonList.count == 1)
        }
    }
}
