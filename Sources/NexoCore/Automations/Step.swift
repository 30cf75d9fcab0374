import Foundation

/// One action of an automation, run in order for each contact. Steps are stored as JSON with a `"type"`;
/// the server runs each type through its own executor, so later features add types without touching these.
public enum Step: Sendable, Hashable, Codable {
    /// An e-mail from Mustache templates. A marketing e-mail needs the contact's e-mail consent and carries an
    /// unsubscribe link; any e-mail is skipped when consent was withdrawn.
    case sendEmail(subject: String, text: String, html: String?, marketing: Bool)
    case addTag(String)
    case removeTag(String)
    /// Sets a contact field (`status`, `source`, `company`, `score`, `metadata.<key>`); the value is a template.
    case setField(field: String, value: String)
    case wait(Wait)
    /// Writes an entry on the contact's timeline; the summary is a template.
    case logInteraction(summary: String)
    /// POSTs the contact and run as JSON to a URL, signed with the automation's secret.
    case callWebhook(url: String)
    /// Ends the run here (useful after a wait, or while drafting).
    case stop

    public enum Wait: Sendable, Hashable {
        case duration(seconds: Int)
        /// Until the next time the tenant's clock shows `time`, on weekdays only when `weekdaysOnly`.
        case until(TimeOfDay, weekdaysOnly: Bool)
    }

    public static let types = [
        "send_email", "add_tag", "remove_tag", "set_field", "wait", "log_interaction", "call_webhook", "stop",
    ]
    /// Fields `set_field` may write; anything else is changed by people, not automations.
    public static let settableFields = ["status", "source", "company", "score", "notes"]

    public var type: String {
        switch self {
        case .sendEmail: "send_email"
        case .addTag: "add_tag"
        case .removeTag: "remove_tag"
        case .setField: "set_field"
        case .wait: "wait"
        case .logInteraction: "log_interaction"
        case .callWebhook: "call_webhook"
        case .stop: "stop"
        }
    }

    private enum Key: String, CodingKey {
        case type, subject, text, html, marketing, tag, field, value, seconds, until, weekdaysOnly = "weekdays_only"
        case summary, url
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        switch try c.decode(String.self, forKey: .type) {
        case "send_email":
            self = .sendEmail(
                subject: try c.decode(String.self, forKey: .subject), text: try c.decode(String.self, forKey: .text),
                html: try c.decodeIfPresent(String.self, forKey: .html).flatMap { $0.isEmpty ? nil : $0 },
                marketing: try c.decodeIfPresent(Bool.self, forKey: .marketing) ?? true)
        case "add_tag": self = .addTag(try c.decode(String.self, forKey: .tag))
        case "remove_tag": self = .removeTag(try c.decode(String.self, forKey: .tag))
        case "set_field":
            self = .setField(field: try c.decode(String.self, forKey: .field), value: try c.decode(String.self, forKey: .value))
        case "wait":
            if let until = try c.decodeIfPresent(TimeOfDay.self, forKey: .until) {
                self = .wait(.until(until, weekdaysOnly: try c.decodeIfPresent(Bool.self, forKey: .weekdaysOnly) ?? false))
            } else {
                self = .wait(.duration(seconds: try c.decode(Int.self, forKey: .seconds)))
            }
        case "log_interaction": self = .logInteraction(summary: try c.decode(String.self, forKey: .summary))
        case "call_webhook": self = .callWebhook(url: try c.decode(String.self, forKey: .url))
        case "stop": self = .stop
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c,
                debugDescription: "unknown step type \(other); expected one of \(Self.types.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(type, forKey: .type)
        switch self {
        case .sendEmail(let subject, let text, let html, let marketing):
            try c.encode(subject, forKey: .subject)
            try c.encode(text, forKey: .text)
            try c.encodeIfPresent(html, forKey: .html)
            try c.encode(marketing, forKey: .marketing)
        case .addTag(let tag), .removeTag(let tag): try c.encode(tag, forKey: .tag)
        case .setField(let field, let value):
            try c.encode(field, forKey: .field)
            try c.encode(value, forKey: .value)
        case .wait(.duration(let seconds)): try c.encode(seconds, forKey: .seconds)
        case .wait(.until(let time, let weekdaysOnly)):
            try c.encode(time, forKey: .until)
            try c.encode(weekdaysOnly, forKey: .weekdaysOnly)
        case .logInteraction(let summary): try c.encode(summary, forKey: .summary)
        case .callWebhook(let url): try c.encode(url, forKey: .url)
        case .stop: break
        }
    }
}
