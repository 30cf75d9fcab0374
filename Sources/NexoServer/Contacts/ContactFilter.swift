import Foundation
import NexoCore
import Vapor

/// The list's search and filters, shared by the API and the contacts page.
struct ContactFilter: Sendable, Equatable {
    var q: String?
    var tag: String?
    var status: String?
    var source: String?
    var createdFrom: Date?
    var createdTo: Date?
    var birthdayMonth: Int?

    var isEmpty: Bool { self == ContactFilter() }

    /// Reads `q`, `tag`, `status`, `source`, `created_from`, `created_to` (dates or RFC 3339 times) and `birthday_month`.
    init(from query: URLQueryContainer) throws {
        func text(_ key: String) -> String? {
            guard let value = try? query.get(String.self, at: key) else { return nil }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        q = text("q")
        tag = text("tag").flatMap(Tag.normalize)
        status = text("status")?.lowercased()
        source = text("source")?.lowercased()
        if let raw = text("created_from") {
            guard let date = Self.parseTime(raw) else {
                throw Problem.badRequest("created_from must be a date (YYYY-MM-DD) or an RFC 3339 time.", field: "created_from")
            }
            createdFrom = date
        }
        if let raw = text("created_to") {
            guard let date = Self.parseTime(raw, endOfDay: true) else {
                throw Problem.badRequest("created_to must be a date (YYYY-MM-DD) or an RFC 3339 time.", field: "created_to")
            }
            createdTo = date
        }
        if let raw = text("birthday_month") {
            guard let month = Int(raw), (1...12).contains(month) else {
                throw Problem.badRequest("birthday_month must be a month number from 1 to 12.", field: "birthday_month")
            }
            birthdayMonth = month
        }
    }

    init(q: String? = nil, tag: String? = nil, status: String? = nil, source: String? = nil) {
        self.q = q
        self.tag = tag
        self.status = status
        self.source = source
    }

    /// A bare date means the whole day in UTC; `created_to` of a date includes that day.
    static func parseTime(_ raw: String, endOfDay: Bool = false) -> Date? {
        if let time = try? Date(raw, strategy: .iso8601) { return time }
        guard raw.count == 10, let date = try? Date(raw + "T00:00:00Z", strategy: .iso8601) else { return nil }
        return endOfDay ? date.addingTimeInterval(86_400) : date
    }

    var queryItems: [String: String?] {
        [
            "q": q, "tag": tag, "status": status, "source": source,
            "birthday_month": birthdayMonth.map(String.init),
        ]
    }
}
