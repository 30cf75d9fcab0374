/// Which contact field each column of a CSV file goes to: guessed from the headers, replaceable by the user.
///
/// Headers are compared ignoring case, accents, punctuation and extra spaces, against Spanish, English
/// and Portuguese names and the headers of Google Contacts, Outlook, HubSpot and shop exports.
/// - Single-valued fields (full name, e-mail, phone, company, birthday, notes) go to one column: the
///   best-ranked synonym (a mobile or WhatsApp column before a landline), then the leftmost. Other
///   columns that look like the same field keep their data in metadata, and fill the field in rows
///   where the chosen column is empty (`fallbacks`).
/// - First-name and last-name columns are joined in column order ("Apellido paterno" + "Apellido
///   materno"; "First Name" + "Middle Name"). All tag columns are used.
/// - A bare "Nombre", "Name" or "Nome" is the first name when the file also has a last-name column and
///   no explicit first-name column; otherwise it is a full name, to be split.
/// - Any other column goes to metadata under a snake_case ASCII key made from its header; a column
///   without a header is ignored, and so is the `error` column of a rejected-rows file.
public struct ColumnMapping: Sendable, Equatable {
    public let headers: [String]
    public let fields: [ContactField]
    /// The user's choices, by column index, that replaced the guess.
    public let overrides: [Int: ContactField]
    /// Columns that looked like a single-valued field but lost it to a better one, best first: mapped to
    /// metadata, they give the field its value in rows where the chosen column is empty (a landline
    /// when the mobile is missing). Not used for a field the user assigned.
    public let fallbacks: [ContactField: [Int]]

    /// Guesses each column's field from the headers, then applies the user's overrides.
    ///
    /// An override wins over the guess: a column the user assigns a single-valued field to takes it from
    /// the column that had guessed it, and a column the user moves away from a field lets the next
    /// candidate column have it.
    public init(headers: [String], overrides: [Int: ContactField] = [:]) {
        self.headers = headers
        let overrides = overrides.filter { headers.indices.contains($0.key) }
        self.overrides = overrides
        (fields, fallbacks) = Self.assign(headers: headers, overrides: overrides)
    }

    /// The same headers with other overrides (those given replace earlier ones for the same columns).
    public func overriding(_ more: [Int: ContactField]) -> ColumnMapping {
        ColumnMapping(headers: headers, overrides: overrides.merging(more) { $1 })
    }

    /// Column indexes mapped to the field, in column order.
    public func columns(for field: ContactField) -> [Int] {
        fields.indices.filter { fields[$0] == field }
    }

    /// The header as compared with the synonyms: folded like search text, punctuation as spaces.
    /// "E-mail 1 - Value" → "e mail 1 value", "Teléfono Móvil" → "telefono movil".
    public static func normalizedHeader(_ header: String) -> String {
        let folded = SearchText.fold(header)
        let spaced = String(folded.map { $0.isLetter || $0.isNumber ? $0 : " " })
        return spaced.split(separator: " ").joined(separator: " ")
    }

    /// A metadata key made from a header: lower-case ASCII letters, digits and underscores, at most
    /// 64 characters. "Número de cliente" → "numero_de_cliente"; empty when nothing is left.
    public static func metadataKey(for header: String) -> String {
        var key = ""
        var pendingUnderscore = false
        for scalar in SearchText.fold(header).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingUnderscore && !key.isEmpty { key += "_" }
                pendingUnderscore = false
                key.unicodeScalars.append(scalar)
            } else {
                pendingUnderscore = true
            }
        }
        var limited = String(key.prefix(maxMetadataKeyLength))
        while limited.hasSuffix("_") { limited.removeLast() }
        return limited
    }

    /// Metadata keys are limited to 64 characters (`ContactInput.validate`).
    static let maxMetadataKeyLength = 64

    // MARK: - Guessing

    private static func assign(
        headers: [String], overrides: [Int: ContactField]
    ) -> (fields: [ContactField], fallbacks: [ContactField: [Int]]) {
        let guesses = headers.map { guess(header: $0) }
        let hasLastName = guesses.contains { $0?.kind == .lastName }
        let hasFirstName = guesses.contains { $0?.kind == .firstName }
        let claimed = Set(overrides.values.filter(\.isSingleValued))

        var fields: [ContactField?] = headers.indices.map { overrides[$0] }
        var candidates: [ContactField: [(rank: Int, column: Int)]] = [:]
        for (column, guess) in guesses.enumerated() where fields[column] == nil {
            guard let guess else { continue }
            let field: ContactField
            switch guess.kind {
            case .field(let known): field = known
            case .firstName, .middleName: field = .firstName
            case .lastName: field = .lastName
            case .ignore: field = .ignore
            case .genericName: field = hasLastName && !hasFirstName ? .firstName : .fullName
            }
            if field.isSingleValued {
                candidates[field, default: []].append((guess.rank, column))
            } else {
                fields[column] = field
            }
        }
        var fallbacks: [ContactField: [Int]] = [:]
        for (field, columns) in candidates where !claimed.contains(field) {
            let ranked = columns.sorted { ($0.rank, $0.column) < ($1.rank, $1.column) }.map(\.column)
            fields[ranked[0]] = field
            if ranked.count > 1 { fallbacks[field] = Array(ranked.dropFirst()) }
        }

        // Everything else keeps its data in metadata, under a key unique within the file.
        var usedKeys = Set(fields.compactMap { if case .metadata(let key) = $0 { key } else { nil } })
        let resolved = headers.indices.map { column -> ContactField in
            if let field = fields[column] { return field }
            if headers[column].allSatisfy(\.isWhitespace) { return .ignore }
            let base = metadataKey(for: headers[column])
            var key = base.isEmpty ? "column_\(column + 1)" : base
            var suffix = 2
            while usedKeys.contains(key) {
                let ending = "_\(suffix)"
                key = String(base.prefix(maxMetadataKeyLength - ending.count)) + ending
                suffix += 1
            }
            usedKeys.insert(key)
            return .metadata(key)
        }
        return (resolved, fallbacks)
    }

    private static func guess(header: String) -> Synonym? {
        let normalized = normalizedHeader(header)
        guard !normalized.isEmpty else { return nil }
        if let synonym = synonyms[normalized] { return synonym }
        // Numbered exports: "E-mail 2 - Value", "Phone 1 - Value", "Teléfono 2".
        let unnumbered = normalized.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }.joined(separator: " ")
        return synonyms[unnumbered]
    }
}
