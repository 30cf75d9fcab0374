import Foundation
import Testing

@testable import NexoCore

@Suite struct ServiceWindowTests {
    private let lastInbound = Date(timeIntervalSince1970: 1_749_416_383)
    private let hour: TimeInterval = 3600

    @Test func isClosedWhenTheCustomerNeverWrote() {
        // Given no customer message / When checked / Then only templates may go
        #expect(ServiceWindow.isOpen(lastInbound: nil, now: lastInbound) == false)
        #expect(ServiceWindow.closesAt(lastInbound: nil) == nil)
    }

    @Test func isOpenRightAfterTheCustomerWrote() {
        // Given a message a minute ago / When checked / Then the window is open
        #expect(ServiceWindow.isOpen(lastInbound: lastInbound, now: lastInbound + 60))
    }

    @Test func isOpenUntilJustBeforeTwentyFourHours() {
        // Given 24 hours less a second / When checked / Then it is still open
        #expect(ServiceWindow.isOpen(lastInbound: lastInbound, now: lastInbound + 24 * hour - 1))
    }

    @Test func closesAtExactlyTwentyFourHours() {
        // Given exactly 24 hours later, and a day and a bit / When checked / Then it is closed
        #expect(ServiceWindow.isOpen(lastInbound: lastInbound, now: lastInbound + 24 * hour) == false)
        #expect(ServiceWindow.isOpen(lastInbound: lastInbound, now: lastInbound + 30 * hour) == false)
        #expect(ServiceWindow.closesAt(lastInbound: lastInbound) == lastInbound + 24 * hour)
    }

    @Test func countsAMessageStampedAheadOfOurClockAsJustNow() {
        // Given a customer message stamped 5 s after our clock / When checked / Then the window is open
        #expect(ServiceWindow.isOpen(lastInbound: lastInbound + 5, now: lastInbound))
    }

    @Test func allowsTemplatesButNotFreeFormMessagesOnceClosed() {
        // Given a closed window
        let now = lastInbound + 25 * hour
        let template = OutboundContent.template(TemplateMessage(name: "seguimiento", languageCode: "es_AR"))

        // When a template and a text are checked / Then only the template may go
        #expect(ServiceWindow.allows(template, lastInbound: lastInbound, now: now))
        #expect(ServiceWindow.allows(.text(body: "¿Seguís interesada?"), lastInbound: lastInbound, now: now) == false)
        #expect(ServiceWindow.allows(.text(body: "¡Hola!"), lastInbound: lastInbound, now: lastInbound + hour))
    }
}
