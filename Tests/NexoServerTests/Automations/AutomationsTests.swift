import Fluent
import Foundation
import NexoCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Automations")
struct AutomationsTests {
    static let consenting = #""consent":{"email":{"state":"given"}}"#

    @Test func aNewTenantGetsTheThreeBuiltInsSwitchedOff() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let automations = try await Automation.query(on: app.db).filter(\.$tenantID == tenant.id).all()
            #expect(Set(automations.compactMap(\.builtin)) == ["welcome", "birthday", "reactivation"])
            #expect(automations.allSatisfy { !$0.enabled })
            #expect(automations.first { $0.builtin == "reactivation" }?.name == "Te extrañamos")
        }
    }

    @Test func theWelcomeAutomationEmailsANewContactOnce() async throws {
        try await TestApp.run { app in
            // given the welcome automation switched on
            let tenant = try await app.makeTenant(name: "Clínica Sonrisa")
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            // when a contact with an e-mail and consent is created
            let contactID = try await app.createContact(
                tenant, #"{"first_name":"Ana","email":"ana@example.com",\#(Self.consenting)}"#)
            try await app.runAutomations()
            // then one e-mail went out, addressed by name, with an unsubscribe link and headers
            let mails = try await app.outbox(tenant)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.toAddress == "ana@example.com")
            #expect(mail.subject == "¡Te damos la bienvenida a Clínica Sonrisa!")
            #expect(mail.textBody.hasPrefix("Hola Ana:"))
            #expect(mail.textBody.contains("/u/"))
            #expect(mail.headers?.contains("List-Unsubscribe: <http") == true)
            #expect(mail.headers?.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click") == true)
            // and the run, its step, the counters and the timeline say so
            let runs = try await app.runs(of: welcome)
            #expect(runs.map(\.state) == [.succeeded])
            #expect(runs.first?.contactID == contactID)
            let steps = try await AutomationRunStep.query(on: app.db).filter(\.$runID == runs[0].requireID()).all()
            #expect(steps.map(\.state) == [.succeeded])
            let counted = try #require(try await Automation.find(welcome.id, on: app.db))
            #expect(counted.runsCount == 1)
            #expect(counted.succeededCount == 1)
            #expect(counted.lastRunAt != nil)
            let timeline = try await Interaction.query(on: app.db).filter(\.$contactID == contactID).all().map(\.type)
            #expect(timeline.contains("email_sent"))
        }
    }

    @Test func noWelcomeWithoutEmailConsent() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            _ = try await app.createContact(tenant, #"{"first_name":"Beto","email":"beto@example.com"}"#)
            _ = try await app.createContact(
                tenant, #"{"first_name":"Carla","email":"carla@example.com","consent":{"email":{"state":"withdrawn"}}}"#)
            try await app.runAutomations()
            #expect(try await app.outbox(tenant).isEmpty)
            #expect(try await app.runs(of: welcome).isEmpty)
        }
    }

    @Test func aRunThatRunsTwiceSendsOneEmail() async throws {
        try await TestApp.run { app in
            // given a welcome run that was created
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            _ = try await app.createContact(tenant, #"{"email":"dora@example.com",\#(Self.consenting)}"#)
            try await AutomationEngine(app: app).dispatchPendingEvents()
            let run = try #require(try await app.runs(of: welcome).first)
            // when two workers execute it at the same time, and its job is delivered again afterwards
            let job = ClaimedJob(
                id: UUID(), kind: AutomationEngine.runJobKind, tenantID: tenant.id, payload: "{}", attempts: 1, maxAttempts: 5)
            async let first: Void = AutomationEngine(app: app).execute(runID: run.requireID(), job: job)
            async let second: Void = AutomationEngine(app: app).execute(runID: run.requireID(), job: job)
            _ = try await (first, second)
            try await app.runJobs()
            // then the contact got one e-mail
            #expect(try await app.outbox(tenant).count == 1)
            #expect(try await EmailDelivery.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 1)
        }
    }

    @Test func aContactCreatedByTheSameEventTwiceStartsOneRun() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            _ = try await app.createContact(tenant, #"{"email":"eli@example.com",\#(Self.consenting)}"#)
            // the dispatcher crashed before marking the event: it sees it again
            try await AutomationEngine(app: app).dispatchPendingEvents()
            try await DomainEvent.query(on: app.db).set(\.$dispatchedAt, to: nil).update()
            try await app.runAutomations()
            #expect(try await app.runs(of: welcome).count == 1)
            #expect(try await app.outbox(tenant).count == 1)
        }
    }

    @Test func theBirthdayAutomationFiresAtEightInTheTenantsZoneOncePerYear() async throws {
        try await TestApp.run { app in
            // given contacts with birthdays today and tomorrow, and the birthday automation on
            let tenant = try await app.makeTenant()
            app.nexo.clock.pin(date(2026, 3, 14, 7, 0, in: buenosAires))
            let birthday = try await app.automation("birthday", of: tenant)
            try await app.enable(birthday)
            #expect(birthday.nextFireAt == date(2026, 3, 14, 8, 0, in: buenosAires))
            _ = try await app.createContact(
                tenant, #"{"first_name":"Hoy","email":"hoy@example.com","birthday":"1990-03-14",\#(Self.consenting)}"#)
            _ = try await app.createContact(
                tenant, #"{"first_name":"Mañana","email":"manana@example.com","birthday":"--03-15",\#(Self.consenting)}"#)
            _ = try await app.createContact(
                tenant, #"{"first_name":"Sin consentimiento","email":"no@example.com","birthday":"1985-03-14"}"#)
            // when 07:59 passes nothing fires; at 08:00:30 it fires once
            app.nexo.clock.pin(date(2026, 3, 14, 7, 59, in: buenosAires))
            try await app.runAutomations()
            #expect(try await AutomationFire.query(on: app.db).count() == 0)
            app.nexo.clock.pin(date(2026, 3, 14, 8, 0, in: buenosAires).addingTimeInterval(30))
            try await app.runAutomations()
            try await app.runAutomations()
            // then only today's birthday with consent got the e-mail
            #expect(try await app.outbox(tenant).map(\.toAddress) == ["hoy@example.com"])
            let fires = try await AutomationFire.query(on: app.db).all()
            #expect(fires.count == 1)
            #expect(fires.first?.outcome == .onTime)
            #expect(fires.first?.contacts == 1)
            let advanced = try #require(try await Automation.find(birthday.id, on: app.db))
            #expect(advanced.nextFireAt == date(2026, 3, 15, 8, 0, in: buenosAires))
            // and re-running the same fire's fan-out changes nothing
            #expect(
                try await AutomationEngine(app: app).fanOut(fireID: fires[0].requireID())
                    == AutomationEngine.FanOut(contacts: 1, batches: 1))
            try await app.runJobs()
            #expect(try await app.outbox(tenant).count == 1)
        }
    }

    /// A business with `celebrating` consenting contacts whose birthday is 14 March and `others` whose is not, its
    /// birthday automation on, and the fire of 08:00 that day recorded (not yet fanned out).
    static func birthdayFire(
        _ app: Application, celebrating: Int, others: Int
    ) async throws -> (TestTenant, AutomationFire) {
        let tenant = try await app.makeTenant()
        app.nexo.clock.pin(date(2026, 3, 14, 7, 0, in: buenosAires))
        let birthday = try await app.automation("birthday", of: tenant)
        try await app.enable(birthday)
        for index in 0..<(celebrating + others) {
            let day = index < celebrating ? "--03-14" : "--05-01"
            _ = try await app.createContact(
                tenant, #"{"email":"c\#(index)@example.com","birthday":"\#(day)",\#(consenting)}"#)
        }
        try await app.runAutomations()
        app.nexo.clock.pin(date(2026, 3, 14, 8, 0, in: buenosAires).addingTimeInterval(30))
        #expect(try await AutomationScheduler(app: app).fire(birthday))
        return (tenant, try #require(try await AutomationFire.query(on: app.db).first()))
    }

    @Test func aFireIsFannedOutInBatchesThatTogetherReachEveryMatchingContactOnce() async throws {
        try await TestApp.run { app in
            // given seven contacts whose birthday is today and one whose birthday is not, and the fire of 08:00
            let (tenant, fire) = try await Self.birthdayFire(app, celebrating: 7, others: 1)
            let engine = AutomationEngine(app: app)
            // when it fans out in batches of three, and the fan-out runs again (a retried job)
            let fanOut = try await engine.fanOut(fireID: fire.requireID(), batchSize: 3)
            #expect(try await engine.fanOut(fireID: fire.requireID(), batchSize: 3) == fanOut)
            // then three batch jobs cover the seven contacts
            #expect(fanOut == AutomationEngine.FanOut(contacts: 7, batches: 3))
            #expect(try await app.jobs(kind: AutomationEngine.fanOutBatchJobKind).count == 3)
            try await app.runAutomations()
            // and each contact got one run and one e-mail
            let runs = try await AutomationRun.query(on: app.db).filter(\.$fireID == fire.requireID()).all()
            #expect(runs.count == 7)
            #expect(Set(runs.compactMap(\.contactID)).count == 7)
            #expect(try await app.outbox(tenant).count == 7)
            #expect(try await AutomationFire.find(fire.id, on: app.db)?.contacts == 7)
        }
    }

    @Test func aBatchRepeatedAfterACrashQueuesTheRunsItHadWrittenAndNoMore() async throws {
        try await TestApp.run { app in
            // given a fire whose single batch wrote its runs, then lost their jobs (the worker died in between)
            let (tenant, fire) = try await Self.birthdayFire(app, celebrating: 4, others: 0)
            let fireID = try fire.requireID()
            let engine = AutomationEngine(app: app)
            try await engine.fanOut(fireID: fireID)
            #expect(try await AutomationRun.query(on: app.db).count() == 0)
            let lowest = try #require(
                try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).sort(\.$id).first()?.requireID())
            #expect(try await engine.fanOutBatch(fireID: fireID, from: lowest, to: nil) == 4)
            try await app.db.sql.raw("DELETE FROM jobs WHERE kind = \(bind: AutomationEngine.runJobKind)").run()
            // when the batch runs again
            let created = try await engine.fanOutBatch(fireID: fireID, from: lowest, to: nil)
            // then it writes no new run and queues the four it had written
            #expect(created == 0)
            #expect(try await app.jobs(kind: AutomationEngine.runJobKind).count == 4)
            try await app.runAutomations()
            #expect(try await app.outbox(tenant).count == 4)
        }
    }

    @Test func missedFiresAreCaughtUpOnceAndTheHistorySaysSo() async throws {
        try await TestApp.run { app in
            // given the birthday automation due three days ago (Nexo was down)
            let tenant = try await app.makeTenant()
            app.nexo.clock.pin(date(2026, 3, 11, 7, 0, in: buenosAires))
            let birthday = try await app.automation("birthday", of: tenant)
            try await app.enable(birthday)
            _ = try await app.createContact(tenant, #"{"email":"hoy@example.com","birthday":"--03-14",\#(Self.consenting)}"#)
            // when Nexo comes back on the 14th at 10:00
            app.nexo.clock.pin(date(2026, 3, 14, 10, 0, in: buenosAires))
            try await app.runAutomations()
            // then one fire ran now, marked as caught up with the four missed times, and the e-mail went out once
            let fires = try await AutomationFire.query(on: app.db).all()
            #expect(fires.count == 1)
            #expect(fires.first?.outcome == .caughtUp)
            #expect(fires.first?.missed == 4)
            #expect(fires.first?.scheduledFor == date(2026, 3, 14, 8, 0, in: buenosAires))
            #expect(try await app.outbox(tenant).count == 1)
            #expect(try await app.runs(of: birthday).first?.trigger == "schedule (caught up)")
        }
    }

    @Test func missedFiresOfASkipPolicyAreRecordedAndNotRun() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            app.nexo.clock.pin(date(2026, 3, 11, 7, 0, in: buenosAires))
            let reactivation = try await app.automation("reactivation", of: tenant)
            try await app.enable(reactivation)
            let old = try await app.createContact(tenant, #"{"email":"vieja@example.com",\#(Self.consenting)}"#)
            try await app.backdate(old, created: date(2025, 1, 1, 0, 0, in: buenosAires))
            app.nexo.clock.pin(date(2026, 3, 14, 12, 0, in: buenosAires))
            try await app.runAutomations()
            let fires = try await AutomationFire.query(on: app.db).all()
            #expect(fires.map(\.outcome) == [.skipped])
            #expect(fires.first?.missed == 4)
            #expect(try await app.outbox(tenant).isEmpty)
        }
    }

    @Test func reactivationReachesContactsQuietForSixtyDaysAndNotAgainForSixtyDays() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            app.nexo.clock.pin(date(2026, 3, 14, 8, 0, in: buenosAires))
            let reactivation = try await app.automation("reactivation", of: tenant)
            try await app.enable(reactivation)
            let quiet = try await app.createContact(tenant, #"{"email":"quiet@example.com",\#(Self.consenting)}"#)
            let recent = try await app.createContact(tenant, #"{"email":"recent@example.com",\#(Self.consenting)}"#)
            let never = try await app.createContact(tenant, #"{"email":"never@example.com",\#(Self.consenting)}"#)
            try await app.backdate(
                quiet, created: date(2025, 6, 1, 0, 0, in: buenosAires), lastInteraction: date(2026, 1, 1, 0, 0, in: buenosAires))
            try await app.backdate(
                recent, created: date(2025, 6, 1, 0, 0, in: buenosAires), lastInteraction: date(2026, 3, 1, 0, 0, in: buenosAires)
            )
            try await app.backdate(never, created: date(2025, 12, 1, 0, 0, in: buenosAires))
            // the next morning at 09:00
            app.nexo.clock.pin(date(2026, 3, 14, 9, 0, in: buenosAires).addingTimeInterval(5))
            try await app.runAutomations()
            #expect(try await app.outbox(tenant).map(\.toAddress) == ["never@example.com", "quiet@example.com"])
            // a day later, nobody gets a second one
            app.nexo.clock.pin(date(2026, 3, 15, 9, 0, in: buenosAires).addingTimeInterval(5))
            try await app.runAutomations()
            #expect(try await AutomationFire.query(on: app.db).count() == 2)
            #expect(try await app.outbox(tenant).count == 2)
        }
    }

    @Test func aWaitStepPausesTheRunUntilItsTime() async throws {
        try await TestApp.run { app in
            // given an automation: tag, wait a day, note on the timeline
            let tenant = try await app.makeTenant()
            app.nexo.clock.pin(date(2026, 3, 14, 10, 0, in: buenosAires))
            let automation = try Automation(
                tenantID: tenant.id, builtin: nil,
                definition: AutomationDefinition(
                    name: "Seguimiento", trigger: .event("contact.created"),
                    conditions: ConditionGroup(match: .all, conditions: []),
                    steps: [
                        .addTag("nuevo"), .wait(.duration(seconds: 86_400)),
                        .logInteraction(summary: "Llamar a {{contact.first_name}}"),
                    ],
                    reentry: .once),
                enabled: true, webhookSecret: try app.nexo.secrets.seal("whsec_test"), now: app.nexo.clock.now)
            try await automation.create(on: app.db)
            let contactID = try await app.createContact(tenant, #"{"first_name":"Eva"}"#)
            // when it runs
            try await app.runAutomations()
            // then it waits after tagging
            var run = try #require(try await app.runs(of: automation).first)
            #expect(run.state == .waiting)
            #expect(try await Contact.find(contactID, on: app.db)?.values.tags == ["nuevo"])
            // and finishes a day later
            app.nexo.clock.advance(by: 86_401)
            try await app.runAutomations()
            run = try #require(try await app.runs(of: automation).first)
            #expect(run.state == .succeeded)
            let notes = try await Interaction.query(on: app.db).filter(\.$contactID == contactID)
                .filter(\.$type == "automation_note").all()
            #expect(notes.map(\.summary) == ["Llamar a Eva"])
        }
    }

    @Test func changesMadeByAnAutomationDoNotStartAutomations() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let automation = try Automation(
                tenantID: tenant.id, builtin: nil,
                definition: AutomationDefinition(
                    name: "Marcar", trigger: .event("contact.updated"), conditions: ConditionGroup(match: .all, conditions: []),
                    steps: [.setField(field: "score", value: "10")], reentry: .always),
                enabled: true, webhookSecret: try app.nexo.secrets.seal("whsec_test"), now: .nexoNow)
            try await automation.create(on: app.db)
            let contactID = try await app.createContact(tenant, #"{"first_name":"Flor"}"#)
            _ = try await app.testing().api(.PATCH, "/api/v1/contacts/\(contactID)", as: tenant, json: #"{"company":"ACME"}"#)
            try await app.runAutomations()
            #expect(try await app.runs(of: automation).count == 1)
            #expect(try await Contact.find(contactID, on: app.db)?.score == 10)
        }
    }

    @Test func aFailingWebhookFailsTheRunAndItCanBeRetriedFromTheFailedStep() async throws {
        try await TestApp.run { app in
            // given a receiver that refuses the first call with 400, then accepts
            let receiver = try await FakeReceiver.start(statuses: [400, 200])
            defer { Task { await receiver.stop() } }
            let tenant = try await app.makeTenant()
            let automation = try Automation(
                tenantID: tenant.id, builtin: nil,
                definition: AutomationDefinition(
                    name: "Avisar", trigger: .event("contact.created"), conditions: ConditionGroup(match: .all, conditions: []),
                    steps: [.addTag("avisado"), .callWebhook(url: receiver.url)], reentry: .once),
                enabled: true, webhookSecret: try app.nexo.secrets.seal("whsec_test"), now: .nexoNow)
            try await automation.create(on: app.db)
            _ = try await app.createContact(tenant, #"{"first_name":"Gabi"}"#)
            try await app.runAutomations()
            var run = try #require(try await app.runs(of: automation).first)
            #expect(run.state == .failed)
            #expect(run.error?.contains("answered 400") == true)
            #expect(run.stepIndex == 1)
            // when retried from the failed step
            try await AutomationEngine(app: app).retry(run, fromStart: false)
            try await app.runAutomations()
            run = try #require(try await app.runs(of: automation).first)
            #expect(run.state == .succeeded)
            // then the receiver got a signed body it can verify
            let call = try #require(await receiver.requests.last)
            let signature = try #require(call.headers.first(name: "X-Nexo-Signature"))
            let parts = Dictionary(
                uniqueKeysWithValues: signature.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1) }
                    .map { (String($0[0]), String($0[1])) })
            #expect(
                parts["v1"] == WebhookSignature.nexoV1(secret: "whsec_test", timestamp: parts["t"] ?? "", body: call.body))
            // and the counters count the run once, by its final outcome
            let counted = try #require(try await Automation.find(automation.id, on: app.db))
            #expect(counted.failedCount == 0)
            #expect(counted.succeededCount == 1)
            #expect(counted.runsCount == 1)
        }
    }

    @Test func theUnsubscribeLinkWithdrawsConsentAndNotesItOnTheTimeline() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            let contactID = try await app.createContact(tenant, #"{"email":"hana@example.com",\#(Self.consenting)}"#)
            try await app.runAutomations()
            let mail = try #require(try await app.outbox(tenant).first)
            let link = try #require(mail.textBody.split(separator: " ").last.map(String.init))
            let path = try #require(URL(string: link)?.path)
            // a GET (a mail scanner) changes nothing
            let page = try await app.testing().sendRequest(.GET, path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Clínica Sonrisa"))
            #expect(try await Contact.find(contactID, on: app.db)?.emailConsent == "given")
            // the one-click POST withdraws consent
            let done = try await app.testing().sendRequest(
                .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(done.status == .ok)
            let contact = try #require(try await Contact.find(contactID, on: app.db))
            #expect(contact.emailConsent == "withdrawn")
            #expect(contact.emailConsentMethod == "unsubscribe_link")
            let timeline = try await Interaction.query(on: app.db).filter(\.$contactID == contactID).all().map(\.type)
            #expect(timeline.contains("consent_withdrawn"))
            // a forged or altered token finds nothing
            let forged = String(path.dropLast(3)) + "AAA"
            #expect(try await app.testing().sendRequest(.GET, forged).status == .notFound)
            #expect(try await app.testing().sendRequest(.POST, forged).status == .notFound)
        }
    }

    @Test func twoSchedulersWithTheSameDueTimeFireOnce() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            app.nexo.clock.pin(date(2026, 3, 14, 7, 0, in: buenosAires))
            let birthday = try await app.automation("birthday", of: tenant)
            try await app.enable(birthday)
            app.nexo.clock.pin(date(2026, 3, 14, 8, 0, in: buenosAires).addingTimeInterval(1))
            // two processes loaded the same due automation
            let first = try #require(try await Automation.find(birthday.id, on: app.db))
            let second = try #require(try await Automation.find(birthday.id, on: app.db))
            async let a = AutomationScheduler(app: app).fire(first)
            async let b = AutomationScheduler(app: app).fire(second)
            let fired = try await [a, b]
            #expect(fired.filter { $0 }.count == 1)
            #expect(try await AutomationFire.query(on: app.db).count() == 1)
            #expect(try await app.jobs(kind: AutomationEngine.fanOutJobKind).count == 1)
            #expect(try await Automation.find(birthday.id, on: app.db)?.nextFireAt == date(2026, 3, 15, 8, 0, in: buenosAires))
        }
    }

    @Test func aSuspendedBusinessSendsNothing() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            _ = try await app.createContact(tenant, #"{"email":"uno@example.com",\#(Self.consenting)}"#)
            try await AutomationEngine(app: app).dispatchPendingEvents()
            // suspended with a run already queued, and another contact arriving through an import
            try await app.setStatus(of: tenant, .suspended, reason: "impago")
            try await app.runAutomations()
            #expect(try await app.outbox(tenant).isEmpty)
            #expect(try await app.runs(of: welcome).map(\.state) == [.skipped])
        }
    }

    @Test func anErasedContactLeavesNoRunsBehind() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            let contactID = try await app.createContact(tenant, #"{"email":"ines@example.com",\#(Self.consenting)}"#)
            try await app.runAutomations()
            #expect(try await app.runs(of: welcome).count == 1)
            #expect(try await app.outbox(tenant).count == 1)
            _ = try await app.testing().api(.DELETE, "/api/v1/contacts/\(contactID)", as: tenant)
            try await app.runAutomations()
            #expect(try await app.runs(of: welcome).isEmpty)
            #expect(try await app.outbox(tenant).isEmpty)
            #expect(try await EmailDelivery.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 0)
        }
    }
}

/// A local HTTP server that records requests and answers with scripted statuses.
actor FakeReceiver {
    struct Call: Sendable {
        let headers: HTTPHeaders
        let body: Data
    }

    private let app: Application
    private var statuses: [Int]
    private(set) var requests: [Call] = []
    nonisolated let url: String

    private init(app: Application, statuses: [Int], url: String) {
        self.app = app
        self.statuses = statuses
        self.url = url
    }

    static func start(statuses: [Int]) async throws -> FakeReceiver {
        let app = try await Application.make(.testing)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        app.logger.logLevel = .error
        let box = ReceiverBox()
        app.post("hook") { req async throws -> Response in
            let body = req.body.data.map { Data(buffer: $0) } ?? Data()
            let status = await box.receiver!.record(Call(headers: req.headers, body: body))
            return Response(status: HTTPResponseStatus(statusCode: status))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = app.http.server.shared.localAddress?.port ?? 0
        let receiver = FakeReceiver(app: app, statuses: statuses, url: "http://127.0.0.1:\(port)/hook")
        await box.set(receiver)
        return receiver
    }

    func record(_ call: Call) -> Int {
        requests.append(call)
        return statuses.isEmpty ? 200 : statuses.removeFirst()
    }

    func stop() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }
}

actor ReceiverBox {
    var receiver: FakeReceiver?
    func set(_ receiver: FakeReceiver) { self.receiver = receiver }
}
