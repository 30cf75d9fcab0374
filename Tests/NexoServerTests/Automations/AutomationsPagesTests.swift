import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Automation pages")
struct AutomationsPagesTests {
    func signedIn(_ app: Application, _ tenant: TestTenant) async throws -> Browser {
        let browser = try Browser(app)
        _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
        return browser
    }

    @Test func theListShowsTheBuiltInsWithTheirTriggersInSpanish() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try await signedIn(app, tenant)
            let page = try await browser.get("/automations")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Correo de bienvenida"))
            #expect(html.contains("Se crea un contacto"))
            #expect(html.contains("Todos los días a las 08:00"))
            #expect(html.contains("Inactiva"))
        }
    }

    @Test func togglingTurnsAnAutomationOnAndSetsItsNextFire() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try await signedIn(app, tenant)
            let birthday = try await app.automation("birthday", of: tenant)
            try await browser.get("/automations")
            let response = try await browser.post("/automations/\(try birthday.requireID())/toggle", [:])
            #expect(response.status == .seeOther)
            let after = try #require(try await Automation.find(birthday.id, on: app.db))
            #expect(after.enabled)
            #expect(after.nextFireAt != nil)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$tenantID == tenant.id)
                .filter(\.$action == "automation.enabled").count()
            #expect(audit == 1)
        }
    }

    @Test func theEditorSavesAScheduledAutomationWithConditionsAndSteps() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try await signedIn(app, tenant)
            try await browser.get("/automations/new")
            let response = try await browser.post(
                "/automations/new",
                [
                    "name": "Recordatorio VIP", "enabled": "on", "triggerType": "schedule", "scheduleKind": "weekly",
                    "time": "09:30", "weekdays[]": "1", "catchUp": "skip", "reentry": "after_days", "reentryDays": "30",
                    "match": "all", "conditions[0][kind]": "has_tag", "conditions[0][tag]": "vip",
                    "conditions[1][kind]": "consent", "conditions[1][channel]": "email", "conditions[1][requirement]": "given",
                    "steps[0][type]": "send_email", "steps[0][subject]": "Hola {{contact.first_name}}",
                    "steps[0][text]": "Te esperamos en {{business.name}}", "steps[0][marketing]": "on",
                    "steps[1][type]": "wait", "steps[1][waitUnit]": "days", "steps[1][waitAmount]": "2",
                    "steps[2][type]": "add_tag", "steps[2][tag]": "recordado",
                ])
            #expect(response.status == .seeOther, "\(response.body.string.prefix(2000))")
            let saved = try #require(
                try await Automation.query(on: app.db).filter(\.$tenantID == tenant.id).filter(\.$name == "Recordatorio VIP")
                    .first())
            let definition = try saved.definition
            #expect(definition.trigger == .schedule(.weekly(weekdays: [1], at: TimeOfDay(hour: 9, minute: 30)!), catchUp: .skip))
            #expect(definition.conditions.conditions == [.hasTag("vip"), .consent(.email, .given)])
            #expect(definition.steps.count == 3)
            #expect(definition.steps[1] == .wait(.duration(seconds: 2 * 86_400)))
            #expect(definition.reentry == .afterDays(30))
            #expect(saved.enabled)
            #expect(saved.nextFireAt != nil)
            // and the editor shows it back
            let page = try await browser.get("/automations/\(try saved.requireID())")
            #expect(page.body.string.contains("Te esperamos en {{business.name}}"))
        }
    }

    @Test func theEditorReportsTemplateMistakesWithTheirPositionAndKeepsTheInput() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try await signedIn(app, tenant)
            try await browser.get("/automations/new")
            let response = try await browser.post(
                "/automations/new",
                [
                    "name": "Con error", "triggerType": "event", "event": "contact.created", "reentry": "once",
                    "steps[0][type]": "send_email", "steps[0][subject]": "Hola {{contact.frist_name}}",
                    "steps[0][text]": "{{#contact.first_name}}sin cerrar",
                ])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(
                html.contains(
                    "Asunto — variable desconocida contact.frist_name; ¿quisiste decir contact.first_name? (línea 1, columna 6)"))
            #expect(html.contains("la sección contact.first_name no se cierra"))
            #expect(html.contains("Con error"))
            #expect(try await Automation.query(on: app.db).filter(\.$name == "Con error").count() == 0)
        }
    }

    @Test func agentsCanReadAutomationsButNotChangeThem() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let agent = try await app.addMember(to: tenant, role: .agent)
            let browser = try Browser(app)
            _ = try await browser.signIn(agent, "secret123")
            #expect(try await browser.get("/automations").status == .ok)
            let welcome = try await app.automation("welcome", of: tenant)
            #expect(try await browser.post("/automations/\(try welcome.requireID())/toggle", [:]).status == .forbidden)
            #expect(try await browser.get("/automations/new").status == .forbidden)
            #expect(try await Automation.find(welcome.id, on: app.db)?.enabled == false)
        }
    }

    @Test func theHistoryAndRunPagesShowStepsAndLetARunBeRetried() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let welcome = try await app.automation("welcome", of: tenant)
            try await app.enable(welcome)
            _ = try await app.createContact(
                tenant, #"{"first_name":"Ana","email":"ana@example.com","consent":{"email":{"state":"given"}}}"#)
            try await app.runAutomations()
            let run = try #require(try await app.runs(of: welcome).first)
            let browser = try await signedIn(app, tenant)
            let history = try await browser.get("/automations/\(try welcome.requireID())/runs")
            #expect(history.status == .ok)
            #expect(history.body.string.contains("Ana"))
            #expect(history.body.string.contains("Completada"))
            let detail = try await browser.get("/automation-runs/\(try run.requireID())")
            #expect(detail.body.string.contains("Enviar e-mail"))
            #expect(detail.body.string.contains("Enviado a a***@example.com por outbox"))
            // a succeeded run cannot continue "from the failed step"; from the start it runs again, e-mail included
            #expect(
                try await browser.post("/automation-runs/\(try run.requireID())/retry", ["from": "failed"]).status == .conflict)
            try await browser.get("/automation-runs/\(try run.requireID())")
            let retried = try await browser.post("/automation-runs/\(try run.requireID())/retry", ["from": "start"])
            #expect(retried.status == .seeOther)
            try await app.runAutomations()
            #expect(try await app.outbox(tenant).count == 2)
            let counted = try #require(try await Automation.find(welcome.id, on: app.db))
            #expect(counted.runsCount == 1)
            #expect(counted.succeededCount == 1)
        }
    }

    @Test func explainSaysWhichConditionExcludesAContactAndPreviewsTheEmail() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant(name: "Clínica Sonrisa")
            _ = try await app.createContact(
                tenant, #"{"first_name":"Ana","email":"ana@example.com","consent":{"email":{"state":"given"}}}"#)
            _ = try await app.createContact(tenant, #"{"first_name":"Beto","email":"beto@example.com"}"#)
            let welcome = try await app.automation("welcome", of: tenant)
            let browser = try await signedIn(app, tenant)
            let beto = try await browser.get("/automations/\(try welcome.requireID())/explain?contact=beto@example.com")
            #expect(beto.status == .ok)
            #expect(beto.body.string.contains("No se ejecutaría para Beto"))
            #expect(
                beto.body.string.contains("No hay consentimiento registrado para e-mail")
                    || beto.body.string.contains("No hay consentimiento"))
            let ana = try await browser.get("/automations/\(try welcome.requireID())/explain?contact=Ana")
            #expect(ana.body.string.contains("Se ejecutaría para Ana"))
            #expect(ana.body.string.contains("¡Te damos la bienvenida a Clínica Sonrisa!"))
            #expect(ana.body.string.contains("Hola Ana:"))
        }
    }

    @Test func theExplainPageShowsAnHTMLEmailRenderedInASandboxedFrame() async throws {
        try await TestApp.run { app in
            // given the welcome e-mail with an HTML part
            let tenant = try await app.makeTenant()
            _ = try await app.createContact(tenant, #"{"first_name":"Ana","email":"ana@example.com"}"#)
            let welcome = try await app.automation("welcome", of: tenant)
            let patched = try await app.testing().api(
                .PATCH, "/api/v1/automations/\(try welcome.requireID())", as: tenant,
                json: #"{"steps":[{"type":"send_email","subject":"Hola","text":"Hola {{contact.first_name}}","#
                    + #""html":"<h1>Hola {{contact.first_name}}</h1><script>alert(1)</script>"}]}"#)
            #expect(patched.status == .ok)
            // when the owner previews it for Ana
            let browser = try await signedIn(app, tenant)
            let page = try await browser.get("/automations/\(try welcome.requireID())/explain?contact=Ana").body.string
            // then the HTML is rendered in a frame without scripts or the page's origin, and its source is at hand
            #expect(page.contains(#"<iframe class="mail-frame" sandbox title="#))
            #expect(page.contains("srcdoc=\"&lt;h1&gt;Hola Ana&lt;/h1&gt;"))
            #expect(!page.contains("<h1>Hola Ana</h1>"))
            #expect(page.contains("Código HTML"))
        }
    }

    @Test func emailSettingsSealTheSecretAndTheTestMessageLandsInTheOutbox() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try await signedIn(app, tenant)
            #expect(try await browser.get("/settings/email").status == .ok)
            // a provider without what it needs is refused, field by field
            let refused = try await browser.post("/settings/email", ["provider": "smtp", "fromAddress": "no es un mail"])
            #expect(refused.status == .unprocessableEntity)
            // SMTP with a password: stored sealed
            try await browser.get("/settings/email")
            let saved = try await browser.post(
                "/settings/email",
                [
                    "provider": "smtp", "fromName": "Clínica", "fromAddress": "hola@clinica.example",
                    "smtpHost": "smtp.example.com",
                    "smtpPort": "587", "smtpSecurity": "starttls", "smtpUsername": "hola@clinica.example",
                    "smtpPassword": "app-password-123",
                ])
            #expect(saved.status == .seeOther)
            let settings = try #require(try await EmailSettings.query(on: app.db).filter(\.$tenantID == tenant.id).first())
            #expect(settings.secret != nil)
            #expect(settings.secret?.contains("app-password-123") == false)
            #expect(try app.nexo.secrets.open(settings.secret!) == "app-password-123")
            let page = try await browser.get("/settings/email")
            #expect(page.body.string.contains("app-password-123") == false)
            // back to the outbox, the test message is stored there
            _ = try await browser.post("/settings/email", ["provider": "outbox"])
            try await browser.get("/settings/email")
            _ = try await browser.post("/settings/email/test", ["to": "yo@example.com"])
            let mails = try await OutboxEmail.query(on: app.db).filter(\.$tenantID == tenant.id).filter(\.$kind == "test").all()
            #expect(mails.map(\.toAddress) == ["yo@example.com"])
        }
    }

    @Test func theJobsPageListsTheBusinesssJobsAndRetriesADeadOne() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            try await app.jobQueue.enqueue(NewJob(kind: "nobody.handles.this", tenantID: tenant.id))
            try await app.runJobs()
            let job = try #require(try await app.jobs(kind: "nobody.handles.this").first)
            let browser = try await signedIn(app, tenant)
            let page = try await browser.get("/settings/jobs?state=dead")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("no handler for job kind"))
            #expect(try await browser.post("/settings/jobs/\(job.id)/retry", [:]).status == .seeOther)
            #expect(try await app.job(job.id).state == "available")
        }
    }

    @Test func pagesRenderInEnglishToo() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant(country: "US")
            let browser = try await signedIn(app, tenant)
            let welcome = try await app.automation("welcome", of: tenant)
            for path in [
                "/automations", "/automations/new", "/automations/\(try welcome.requireID())",
                "/automations/\(try welcome.requireID())/runs", "/automations/\(try welcome.requireID())/explain",
                "/settings/email", "/settings/jobs",
            ] {
                let page = try await browser.get(path + (path.contains("?") ? "&" : "?") + "lang=en")
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.string.contains("automations.") == false, "untranslated key on \(path)")
            }
            #expect(try await browser.get("/automations?lang=en").body.string.contains("Welcome e-mail"))
        }
    }
}
