import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Operator pages")
struct OperatorJobsPageTests {
    /// The owner of `tenant`, made an operator the way `nexo operators grant` does.
    func operatorBrowser(_ app: Application, _ tenant: TestTenant) async throws -> Browser {
        let user = try #require(try await User.query(on: app.db).filter(\.$email == tenant.ownerEmail).first())
        user.isOperator = true
        try await user.save(on: app.db)
        let browser = try Browser(app)
        _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
        #expect(try await browser.get("/ops/jobs").status == .ok)  // and holds the page's CSRF token
        return browser
    }

    /// A job of `tenant` that failed for good (no handler knows its kind).
    func deadJob(_ app: Application, _ tenant: TestTenant, kind: String = "nobody.handles.this") async throws -> UUID {
        try await app.jobQueue.enqueue(NewJob(kind: kind, tenantID: tenant.id))
        try await app.runJobs()
        return try #require(try await app.jobs(kind: kind).first { $0.tenantID == tenant.id }).id
    }

    @Test func aBusinesssOwnerWhoIsNotAnOperatorGets404() async throws {
        try await TestApp.run { app in
            // given an owner who is not an operator, and a dead job of their own business
            let tenant = try await app.makeTenant()
            let job = try await deadJob(app, tenant)
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            // when they open or post to the operator pages (with a valid CSRF token from their own jobs page)
            #expect(try await browser.get("/settings/jobs").body.string.contains("/ops/jobs") == false)
            // then the pages do not exist for them, and nothing changes
            #expect(try await browser.get("/ops/jobs").status == .notFound)
            #expect(try await browser.post("/ops/jobs/\(job)/retry", [:]).status == .notFound)
            #expect(try await browser.post("/ops/jobs/\(job)/cancel", [:]).status == .notFound)
            #expect(try await browser.post("/ops/jobs/retry-dead", [:]).status == .notFound)
            #expect(try await app.job(job).state == "dead")
        }
    }

    @Test func anOperatorSeesEveryBusinesssJobsAndFiltersByBusiness() async throws {
        try await TestApp.run { app in
            // given two businesses with a dead job each, and the owner of the first made an operator
            let own = try await app.makeTenant(name: "Clínica Norte")
            let other = try await app.makeTenant(name: "Dental Sur")
            _ = try await deadJob(app, own)
            _ = try await deadJob(app, other)
            let browser = try await operatorBrowser(app, own)
            // when they open the operator page
            let page = try await browser.get("/ops/jobs")
            // then both businesses' jobs are listed with their names, and the backlog names them too
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Clínica Norte (\(own.slug))"))
            #expect(html.contains("Dental Sur (\(other.slug))"))
            #expect(try await browser.get("/settings/jobs").body.string.contains("/ops/jobs"))
            // and filtering by the other business's slug shows only its job
            let filtered = try await browser.get("/ops/jobs?tenant=\(other.slug)").body.string
            #expect(filtered.contains("Dental Sur (\(other.slug))"))
            #expect(filtered.components(separatedBy: "<td>Clínica Norte").count == 1)
        }
    }

    @Test func anUnknownBusinessInTheFilterIsSaidAndShowsNothing() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            _ = try await deadJob(app, tenant)
            let browser = try await operatorBrowser(app, tenant)
            let page = try await browser.get("/ops/jobs?tenant=no-existe")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("No hay ninguna empresa con ese slug o id."))
            #expect(page.body.string.contains("No hay trabajos."))
        }
    }

    @Test func anOperatorRetriesAnotherBusinesssDeadJob() async throws {
        try await TestApp.run { app in
            let own = try await app.makeTenant()
            let other = try await app.makeTenant()
            let job = try await deadJob(app, other)
            let browser = try await operatorBrowser(app, own)
            #expect(try await browser.post("/ops/jobs/\(job)/retry", [:]).status == .seeOther)
            #expect(try await app.job(job).state == "available")
        }
    }

    @Test func retryingTheDeadJobsOfAFilterRetriesThoseAndNoOthers() async throws {
        try await TestApp.run { app in
            // given dead jobs of two kinds in two businesses
            let own = try await app.makeTenant()
            let other = try await app.makeTenant()
            let mail = try await deadJob(app, other, kind: "mail.gone")
            let otherKind = try await deadJob(app, other, kind: "other.gone")
            let ownMail = try await deadJob(app, own, kind: "mail.gone")
            let browser = try await operatorBrowser(app, own)
            // when the operator retries the dead "mail.gone" jobs of the other business
            let response = try await browser.post("/ops/jobs/retry-dead", ["kind": "mail.gone", "tenant": other.slug])
            // then only that one runs again
            #expect(response.status == .seeOther)
            #expect(try await app.job(mail).state == "available")
            #expect(try await app.job(otherKind).state == "dead")
            #expect(try await app.job(ownMail).state == "dead")
        }
    }
}
