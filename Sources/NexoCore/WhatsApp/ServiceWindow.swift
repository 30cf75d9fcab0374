import Foundation

/// WhatsApp's 24-hour customer service window: free-form messages (text, media, buttons, lists) may only be sent
/// within 24 hours of the customer's last message to us; after that only approved templates, which re-open the
/// conversation when the customer answers. Checking before sending saves a doomed request and its 131047.
public enum ServiceWindow {
    /// How long the window stays open after each customer message.
    public static let duration: TimeInterval = 24 * 60 * 60

    /// Open iff the customer wrote less than 24 hours before `now`. Never open without a customer message. A
    /// `lastInbound` slightly after `now` (clocks differ) counts as just now.
    public static func isOpen(lastInbound: Date?, now: Date) -> Bool {
        guard let closesAt = closesAt(lastInbound: lastInbound) else { return false }
        return now < closesAt
    }

    /// The instant the window closes (open until just before it); nil without a customer message.
    public static func closesAt(lastInbound: Date?) -> Date? {
        lastInbound?.addingTimeInterval(duration)
    }

    /// Whether `content` may be sent now: templates always, anything else only while the window is open.
    public static func allows(_ content: OutboundContent, lastInbound: Date?, now: Date) -> Bool {
        content.isTemplate || isOpen(lastInbound: lastInbound, now: now)
    }
}
