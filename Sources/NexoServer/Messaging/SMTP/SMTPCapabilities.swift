/// The extensions a server lists in its EHLO reply ("STARTTLS", "AUTH PLAIN LOGIN", "SIZE 35882577", …).
struct SMTPCapabilities: Sendable, Equatable {
    private var extensions: [String: [String]] = [:]

    /// No extensions: what a server that only answers HELO offers.
    init() {}

    /// The first line of an EHLO reply greets; each further line names one extension and its parameters.
    init(ehlo reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            var words = line.split(separator: " ").map { String($0) }
            guard !words.isEmpty else { continue }
            var keyword = words.removeFirst().uppercased()
            // Old servers also write "AUTH=PLAIN LOGIN".
            if keyword.hasPrefix("AUTH=") {
                words.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            extensions[keyword, default: []] += words
        }
    }

    func supports(_ keyword: String) -> Bool { extensions[keyword.uppercased()] != nil }

    /// SASL mechanisms offered after AUTH, upper-cased.
    var authMechanisms: Set<String> { Set((extensions["AUTH"] ?? []).map { $0.uppercased() }) }
}
