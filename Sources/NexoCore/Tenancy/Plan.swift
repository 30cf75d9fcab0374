public enum Plan: String, Sendable, Codable, CaseIterable {
    case free, starter, pro, enterprise
}
