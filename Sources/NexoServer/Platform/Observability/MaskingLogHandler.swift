import Foundation
import Logging
import NexoCore

/// Structured logs, one JSON object per line (or plain text), with e-mail addresses and phone numbers masked
/// in the message and in every metadata value.
struct MaskingLogHandler: LogHandler {
    enum Format: Sendable { case json, text }

    let label: String
    let format: Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    private static let lock = NSLock()

    init(label: String, format: Format, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line = Self.render(
            level: event.level, message: "\(event.message)", metadata: merged, label: label, format: format,
            source: event.source, date: Date())
        Self.lock.lock()
        defer { Self.lock.unlock() }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func render(
        level: Logger.Level, message: String, metadata: Logger.Metadata, label: String, format: Format, source: String,
        date: Date
    ) -> String {
        let masked = metadata.mapValues { LogMasking.mask("\($0)") }
        switch format {
        case .text:
            let meta = masked.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "\(date.formatted(.iso8601)) \(level) \(LogMasking.mask(message))" + (meta.isEmpty ? "" : " " + meta)
        case .json:
            var object: [String: String] = masked
            object["ts"] = date.formatted(.iso8601)
            object["level"] = level.rawValue
            object["msg"] = LogMasking.mask(message)
            object["logger"] = label
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? message
        }
    }
}
