/// Active hours in words, for reasons: "Mon Tue Wed Thu Fri 09:00–13:00, 14:00–18:00", "Sat Sun all day".
extension ActiveHours {
    static let dayAbbreviations = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    public var summary: String {
        let days = weekdays.sorted().filter { (1...7).contains($0) }.map { Self.dayAbbreviations[$0 - 1] }
        let times = ranges.isEmpty ? "all day" : ranges.map(\.description).joined(separator: ", ")
        return days.joined(separator: " ") + " " + times
    }
}
