import Foundation
import Vapor

/// Keyset position in a list sorted by (time, id) descending. Opaque to clients: base64url of "micros:uuid".
struct Cursor: Sendable, Equatable {
    let time: Date
    let id: UUID

    var encoded: String {
        let micros = Int64((time.timeIntervalSince1970 * 1_000_000).rounded())
        return Data("\(micros):\(id.uuidString)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(time: Date, id: UUID) {
        self.time = time
        self.id = id
    }

    init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.time = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        self.id = id
    }
}

extension Date {
    /// Now, to the millisecond. Times that order lists are stored at this precision so that a cursor's time,
    /// written in microseconds, compares equal on SQLite (seconds as a double) and PostgreSQL (microseconds) alike.
    static var nexoNow: Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

extension Cursor {
    /// Half a millisecond: rows stored at whole milliseconds are either within it of the cursor's time or far apart.
    static let tolerance: TimeInterval = 0.0005
    var earliest: Date { time.addingTimeInterval(-Self.tolerance) }
    var latest: Date { time.addingTimeInterval(Self.tolerance) }
}

/// `?limit=` and `?cursor=` as DESIGN.md defines them: default 50, at most 200.
struct PageRequest: Sendable {
    static let defaultLimit = 50
    static let maxLimit = 200

    var limit: Int
    var cursor: Cursor?

    init(limit: Int = defaultLimit, cursor: Cursor? = nil) {
        self.limit = limit
        self.cursor = cursor
    }

    init(from query: URLQueryContainer) throws {
        let rawLimit = try? query.get(String.self, at: "limit")
        if let rawLimit {
            guard let value = Int(rawLimit), (1...Self.maxLimit).contains(value) else {
                throw Problem.badRequest("limit must be a whole number from 1 to \(Self.maxLimit).", field: "limit")
            }
            limit = value
        } else {
            limit = Self.defaultLimit
        }
        if let raw = try? query.get(String.self, at: "cursor"), !raw.isEmpty {
            guard let cursor = Cursor(encoded: raw) else {
                throw Problem.badRequest("cursor is not one this API returned.", field: "cursor")
            }
            self.cursor = cursor
        }
    }
}

struct Page<Item: Content>: Content {
    var data: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case data
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
