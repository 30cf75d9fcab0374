/// Writes one RFC 4180 CSV line. Cells that a spreadsheet would run as a formula are prefixed with `'`
/// (CSV injection), except phone-like values such as `+5491133332222`.
public enum CSVLine {
    public static func make(_ cells: [String], separator: Character = ",") -> String {
        cells.map { escape(defuse($0), separator: separator) }.joined(separator: String(separator)) + "\r\n"
    }

    static func defuse(_ cell: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard let first = cell.unicodeScalars.first else { return cell }
        switch first {
        case "=", "@", "\t", "\r":
            return "'" + cell
        case "+", "-":
            let rest = cell.dropFirst()
            let numeric = !rest.isEmpty && rest.allSatisfy { $0.isNumber || $0 == " " || $0 == "." }
            return numeric ? cell : "'" + cell
        default:
            return cell
        }
    }

    static func escape(_ cell: String, separator: Character) -> String {
        let needsQuotes =
            cell.contains(separator) || cell.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
