/// The separators spreadsheets and exports use between cells.
public enum CSVDelimiter: String, Sendable, Codable, CaseIterable {
    case comma = ","
    /// Excel's choice wherever the decimal separator is a comma (Spanish and Portuguese locales).
    case semicolon = ";"
    case tab = "\t"
    case pipe = "|"

    public var character: Character { Character(rawValue) }

    var byte: UInt8 { rawValue.utf8.first ?? 0x2C }

    /// Picks the delimiter that splits the first records of the sample into the most consistent number
    /// of cells greater than one; ties go to the one giving more cells, then to the order of `allCases`.
    /// Quotes are respected, so a quoted "García, María" does not count. Falls back to `.comma`
    /// (a file with a single column).
    ///
    /// - Parameter sample: the start of the file, decoded; a record cut at the end is left out.
    public static func detect(in sample: String, maxRecords: Int = 20) -> CSVDelimiter {
        var best: (delimiter: CSVDelimiter, share: Double, cells: Int)?
        for delimiter in allCases {
            var parser = CSVParser(delimiter: delimiter)
            var records = parser.feed(sample)
            if records.isEmpty { records = parser.finish() }
            let counts = records.prefix(maxRecords).map(\.cells.count)
            guard let (cells, frequency) = mode(of: counts), cells > 1 else { continue }
            let share = Double(frequency) / Double(counts.count)
            if let current = best, (current.share, current.cells) >= (share, cells) { continue }
            best = (delimiter, share, cells)
        }
        return best?.delimiter ?? .comma
    }

    /// The most frequent value and how often it occurs; the larger value wins a tie.
    private static func mode(of values: [Int]) -> (value: Int, count: Int)? {
        var counts: [Int: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { ($0.value, $0.key) < ($1.value, $1.key) }.map { ($0.key, $0.value) }
    }
}
