import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Connect with Google")
struct GmailConnectionTests {
    @Test func connectingSendsTheOwnerToGoogleAndTheCallbackStoresTheSealedRefreshToken() async throws {
        let google = try await FakeGmailAPI.start(validAccessTokens: [])
        try await google.server.using {
            try await TestApp.run(settings: { settings in
                google.configure(&settings)
                settings.googleAuthorizeURL = "https://accounts.example/o/oauth2/v2/auth"
            }) { app in
                // given an owner on Settings → E-mail
                let tenant = try await app.makeTenant()
                let browser = try Browser(app)
                _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
                try await browser.get("/settings/email")
                // when they press "Connect with Google" with their OAuth client
                let start = try await browser.post(
                    "/settings/email/gmail/connect",
                    ["gmailClientID": FakeGmailAPI.clientID, "gmailClientSecret": FakeGmailAPI.clientSecret])
                // then they go to Google's consent page asking only to send
                #expect(start.status == .seeOther)
                let location = try #require(start.headers.first(name: .location))
                let consent = try #require(URLComponents(string: location))
                #expect(location.hasPrefix("https://accounts.example/o/oauth2/v2/auth?"))
                let query = Dictionary(uniqueKeysWithValues: (consent.queryItems ?? []).map { ($0.name, $0.value ?? "") })
                #expect(query["client_id"] == FakeGmailAPI.clientID)
                #expect(query["scope"] == "https://www.googleapis.com/auth/gmail.send")
                #expect(query["access_type"] == "offline")
                #expect(query["redirect_uri"]?.hasSuffix("/settings/email/gmail/callback") == true)
                let state = try #require(query["state"])
                // and when Google sends them back with a code, the account is connected
                let back = try await browser.get(
                    "/settings/email/gmail/callback?code=\(FakeGmailAPI.authorizationCode)&state=\(state)")
                #expect(back.status == .seeOther)
                let row = try #require(try await EmailSettings.query(on: app.db).filter(\.$tenantID == tenant.id).first())
                #expect(row.provider == .gmail)
                #expect(try app.nexo.secrets.open(row.secret!) == FakeGmailAPI.refreshToken)
                #expect(row.secret?.contains(FakeGmailAPI.refreshToken) == false)
                #expect(row.accessToken != nil)
                #expect(row.needsReconnect == false)
                let page = try await browser.get("/settings/email")
                #expect(page.body.string.contains("Cuenta de Gmail conectada"))
                // a replayed callback (the state was used) changes nothing
                row.provider = .outbox
                try await row.update(on: app.db)
                _ = try await browser.get("/settings/email/gmail/callback?code=\(FakeGmailAPI.authorizationCode)&state=\(state)")
                #expect(try await EmailSettings.query(on: app.db).filter(\.$tenantID == tenant.id).first()?.provider == .outbox)
            }
        }
    }

    @Test func aCallbackWithAnotherSessionsStateIsRefused() async throws {
        let google = try await FakeGmailAPI.start(validAccessTokens: [])
        try await google.server.using {
            try await TestApp.run(settings: google.configure) { app in
                let tenant = try await app.makeTenant()
                let browser = try Browser(app)
                _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
                try await browser.get("/settings/email")
                _ = try await browser.post(
                    "/settings/email/gmail/connect",
                    ["gmailClientID": FakeGmailAPI.clientID, "gmailClientSecret": FakeGmailAPI.clientSecret])
                let back = try await browser.get(
                    "/settings/email/gmail/callback?code=\(FakeGmailAPI.authorizationCode)&state=st_forged")
                #expect(back.status == .seeOther)
                #expect(try await EmailSettings.query(on: app.db).filter(\.$tenantID == tenant.id).first()?.provider != .gmail)
                #expect(await google.state.tokenRequests.isEmpty)
                #expect(try await browser.get("/settings/email").body.string.contains("no corresponde a esta sesión"))
            }
        }
    }
}
