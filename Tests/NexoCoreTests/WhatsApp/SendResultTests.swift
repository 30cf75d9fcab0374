import Foundation
import Testing

@testable import NexoCore

@Suite struct SendResultTests {
    private func rejection(_ status: Int, _ body: String) -> WhatsAppAPIError? {
        guard case .rejected(let error) = SendResult.parse(httpStatus: status, body: Data(body.utf8)) else { return nil }
        return error
    }

    @Test func readsTheMessageIDOfMetasSuccessResponse() {
        // Given Meta's answer to a send / When parsed / Then the wamid for later statuses is kept
        let result = SendResult.parse(httpStatus: 200, body: WhatsAppFixtures.sendResponse)
        #expect(
            result
                == .accepted(
                    messageID: "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA", recipientWaID: "16505551234"))
        #expect(result.messageID == "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA")
    }

    @Test func readsEveryPartOfMetasRateLimitError() {
        // Given Meta's rate limit error / When parsed
        let result = SendResult.parse(httpStatus: 400, body: WhatsAppFixtures.sendErrorRateLimit)

        // Then code, subcode, type, title, message, details and trace id are kept
        #expect(
            result
                == .rejected(
                    WhatsAppAPIError(
                        httpStatus: 400, code: 130429, subcode: 2_494_055, type: "OAuthException", title: "Rate limit hit",
                        message: "(#130429) Rate limit hit",
                        details:
                            "Message failed to send because there were too many messages sent from this phone number in a short period of time",
                        fbtraceID: "Az8or2yhqkZfEZ-_4Qn_Bam")))
        #expect(result.messageID == nil)
    }

    @Test func advisesRetryingARateLimitedSendLater() {
        // Given Meta's rate limit error / When parsed / Then it is worth another try later
        guard case .rejected(let error) = SendResult.parse(httpStatus: 400, body: WhatsAppFixtures.sendErrorRateLimit)
        else {
            Issue.record("expected a rejection")
            return
        }
        #expect(error.retry == .retryLater)
    }

    @Test(arguments: [
        // Rate limits and Meta's own trouble: try again later.
        (130429, RetryAdvice.retryLater), (131056, .retryLater), (80007, .retryLater), (4, .retryLater),
        (1, .retryLater), (2, .retryLater), (131000, .retryLater), (131016, .retryLater), (131057, .retryLater),
        (133004, .retryLater),
        // The 24-hour window closed: only a template gets through.
        (131047, .sendTemplateInstead),
        // The same request would fail the same way.
        (131026, .permanent), (100, .permanent), (190, .permanent), (131051, .permanent), (131009, .permanent),
        (368, .permanent),
    ])
    func advisesByMetasErrorCode(code: Int, advice: RetryAdvice) {
        // Given an error with Meta's code behind an HTTP 400 / When advised / Then the code decides
        let error = rejection(400, #"{"error":{"message":"(#\#(code)) x","type":"OAuthException","code":\#(code)}}"#)
        #expect(error?.code == code)
        #expect(error?.retry == advice)
    }

    @Test(arguments: [(500, RetryAdvice.retryLater), (503, .retryLater), (429, .retryLater), (400, .permanent)])
    func advisesByHTTPStatusForACodeItDoesNotKnow(status: Int, advice: RetryAdvice) {
        // Given an unknown code / When advised / Then 429 and 5xx are retried, the rest is permanent
        #expect(rejection(status, #"{"error":{"message":"odd","code":999999}}"#)?.retry == advice)
    }

    @Test func keepsAKnownPermanentCodePermanentBehindAServerError() {
        // Given an expired token answered with a 500 / When advised / Then retrying cannot help
        #expect(rejection(500, #"{"error":{"message":"Error validating access token","code":190}}"#)?.retry == .permanent)
    }

    @Test func readsAnAnswerWithoutAGraphErrorByItsStatus() {
        // Given a proxy's HTML error page / When parsed
        let error = rejection(502, "<html>Bad Gateway</html>")

        // Then it is rejected without a code and retried later
        #expect(error?.code == nil)
        #expect(error?.httpStatus == 502)
        #expect(error?.retry == .retryLater)
    }

    @Test func doesNotRetryASuccessWithoutAMessageID() {
        // Given a 200 whose body has no message id / When parsed / Then it is not sent twice by a retry
        let error = rejection(200, #"{"messaging_product":"whatsapp","messages":[]}"#)
        #expect(error?.retry == .permanent)
        #expect(error?.message.contains("may or may not have been sent") == true)
    }

    @Test func takesTheTitleFromTheUsersTitleWhenMetaGivesOne() {
        // Given an error with error_user_title / When parsed / Then that is the title
        let error = rejection(
            400, #"{"error":{"message":"(#131009) Parameter value is not valid","code":131009,"error_user_title":"Invalid"}}"#)
        #expect(error?.title == "Invalid")
    }
}
