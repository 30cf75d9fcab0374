import Foundation

/// What starts an automation: a domain event about a contact, or a schedule in the tenant's time zone.
/// JSON: `{"type":"event","event":"contact.created"}` or
/// `{"type":"schedule","schedule":{"kind":"daily","time":"08:00"},"catch_up":"run_once"}`.
public enum AutomationTrigger: Sendable, Hashable, Codable {
    case event(String)
    case schedule(Schedule, catchUp: CatchUpPolicy)

    /// Events automations can listen to; later features add theirs (`message.received`, `webhook.received`, …).
    public static let events = ["contact.created", "contact.updated", "webhook.received"]

    public var eventType: String? {
        if case .event(let type) = self { return type }
        return nil
    }

    public var schedule: Schedule? {
        if case .schedule(let schedule, _) = self { return schedule }
        return nil
    }

    private enum Key: String, CodingKey { case type, event, schedule, catchUp = "catch_up" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .type) {
        case "event":
            self = .event(try container.decode(String.self, forKey: .event))
        case "schedule":
            self = .schedule(
                try container.decode(Schedule.self, forKey: .schedule),
                catchUp: try container.decodeIfPresent(CatchUpPolicy.self, forKey: .catchUp) ?? .runOnce)
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown trigger type \(other); expected event or schedule")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .event(let type):
            try container.encode("event", forKey: .type)
            try container.encode(type, forKey: .event)
        case .schedule(let schedule, let catchUp):
            try container.encode("schedule", forKey: .type)
            try container.encode(schedule, forKey: .schedule)
            try container.encode(catchUp, forKey: .catchUp)
        }
    }

    public func validate() -> [FieldError] {
        switch self {
        case .event(let type):
            guard Self.events.contains(type) else {
                return [
                    FieldError(
                        field: "trigger.event", code: "trigger.event_unknown",
                        message: "Unknown event \(type); expected one of \(Self.events.joined(separator: ", "))")
                ]
            }
            return []
        case .schedule(let schedule, _):
            return schedule.validate().map { FieldError(field: "trigger." + $0.field, code: $0.code, message: $0.message) }
        }
    }
}
