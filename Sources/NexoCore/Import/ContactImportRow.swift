import Foundation

/// One CSV row turned into what to store: the changes to apply to a new or an existing contact.
///
/// Only non-empty cells set a value, so an import never erases what a contact already has, and tags
/// are added to the contact's tags, never replacing them. Values go through `ContactInput.validate`,
/// so an imported contact obeys the same rules as one typed in a form: a phone that cannot be parsed is
/// kept as written and flagged, not rejected.
public struct ContactImportRow: Sendable, Equatable {
    /// The file line the row starts on (of the first row, after merging).
    public let line: Int
    /// What to apply; `tags` is always `.keep` (see `tags`) and nothing is ever `.clear`.
    public private(set) var changes: ContactChanges
    /// Tags to add, normalized (`Tag.normalize`).
    public private(set) var tags: [String]
    /// The row's keys, e-mail before phone; after merging, those of every merged row.
    public private(set) var matchKeys: [ContactMatchKey]

    /// Maps a record's cells through the column mapping, or throws every problem found in the row.
    ///
    /// Cells are trimmed, and a leading apostrophe that CSV exports (ours included, see `CSVLine`) put
    /// before `=`, `+`, `-` or `@` is removed. A blank cell is ignored.
    public init(record: CSVRecord, mapping: ColumnMapping, options: ImportOptions) throws(RowRejection) {
        if let problem = record.problem { throw RowRejection(line: record.line, problems: [problem]) }
        line = record.line
        var problems: [ImportProblem] = []
        let cells = record.cells.map(Self.clean)
        func header(_ column: Int) -> String { mapping.headers[column].trimmedWhitespace }
        if let extra = cells.dropFirst(mapping.headers.count).first(where: { !$0.isEmpty }) {
            problems.append(
                ImportProblem(
                    code: ImportProblem.tooManyCells, value: extra,
                    message: "This row has more cells than the header has columns: a separator may need quotes."))
        }

        func values(_ field: ContactField) -> [(column: Int, text: String)] {
            mapping.columns(for: field).compactMap { column in
                column < cells.count && !cells[column].isEmpty ? (column, cells[column]) : nil
            }
        }
        // A single-valued field's cell: the mapped column's, else the first filled fallback column's.
        var usedFallbacks: Set<Int> = []
        func value(_ field: ContactField) -> (column: Int, text: String)? {
            if let mapped = values(field).first { return mapped }
            for column in mapping.fallbacks[field] ?? [] where column < cells.count && !cells[column].isEmpty {
                usedFallbacks.insert(column)
                return (column, cells[column])
            }
            return nil
        }
        func joined(_ field: ContactField) -> (column: Int, text: String)? {
            let found = values(field)
            guard let first = found.first else { return nil }
            return (first.column, found.map(\.text).joined(separator: " "))
        }

        var input = ContactInput()
        var columnOf: [String: Int] = [:]
        func set(
            _ path: WritableKeyPath<ContactInput, Patch<String>>, _ key: String, _ value: (column: Int, text: String)?
        ) {
            guard let value else { return }
            input[keyPath: path] = .set(value.text)
            columnOf[key] = value.column
        }

        var firstName = joined(.firstName)
        var lastName = joined(.lastName)
        if firstName == nil && lastName == nil, let full = value(.fullName) {
            let name = PersonName(splitting: full.text)
            firstName = name.firstName.map { (full.column, $0) }
            lastName = name.lastName.map { (full.column, $0) }
        }
        set(\.firstName, "first_name", firstName)
        set(\.lastName, "last_name", lastName)
        set(\.company, "company", value(.company))
        set(\.notes, "notes", value(.notes))
        if let status = value(.status) {
            input.status = .set(Self.keyword(status.text))
            columnOf["status"] = status.column
        }
        if let score = value(.score) {
            if let number = Int(score.text) {
                input.score = .set(number)
                columnOf["score"] = score.column
            } else {
                problems.append(
                    ImportProblem(
                        code: "score.not_number", column: header(score.column), value: score.text,
                        message: "Must be a whole number."))
            }
        }

        var metadata: [String: JSONValue] = [:]
        if let email = value(.email) {
            let parts = Self.split(email.text, on: [",", ";"])
            set(\.email, "email", parts.first.map { (email.column, $0) })
            if parts.count > 1 { metadata["other_emails"] = .string(parts.dropFirst().joined(separator: ", ")) }
        }
        if let phone = value(.phone) {
            let parts = Self.split(phone.text, on: [",", ";"])
            set(\.phone, "phone", parts.first.map { (phone.column, $0) })
            if parts.count > 1 { metadata["other_phones"] = .string(parts.dropFirst().joined(separator: ", ")) }
        }
        if let birthday = value(.birthday) {
            do {
                if let date = try ImportDate.parseBirthday(
                    birthday.text, order: options.dateOrder, currentYear: options.currentYear)
                {
                    input.birthday = .set(date.description)
                }
            } catch {
                problems.append(
                    ImportProblem(
                        code: error.code, column: header(birthday.column), value: birthday.text,
                        message: error.message(for: birthday.text)))
            }
        }
        let tagTexts = values(.tags).flatMap { Self.split($0.text, on: [",", ";", "|"]) }
        let tags = tagTexts.compactMap(Self.tag)
        if !tags.isEmpty {
            input.tags = .set(tags)
            columnOf["tags"] = mapping.columns(for: .tags).first
        }
        // Metadata from a JSON column first, so a column of its own wins over the same key inside the JSON.
        if let json = value(.metadataJSON) {
            if case .object(let object)? = JSONValue.parse(json.text) {
                metadata.merge(object) { _, new in new }
            } else {
                problems.append(
                    ImportProblem(
                        code: "metadata.not_json", column: header(json.column), value: String(json.text.prefix(80)),
                        message: "Must be a JSON object such as {\"numero_cliente\": \"A-1\"}."))
            }
        }
        for (column, field) in mapping.fields.enumerated() {
            guard case .metadata(let key) = field, column < cells.count, !cells[column].isEmpty,
                !usedFallbacks.contains(column)
            else { continue }
            metadata[key] = .string(cells[column])
        }
        if !metadata.isEmpty { input.metadata = .set(metadata) }

        if firstName == nil && lastName == nil && input.email == .keep && input.phone == .keep {
            problems.append(
                ImportProblem(
                    code: "contact.identity_required",
                    message: "A contact needs at least a name, an e-mail or a phone number."))
        }

        var changes = ContactChanges()
        do {
            changes = try input.validate(defaultCountry: options.defaultCountry)
        } catch {
            for fieldError in error.errors {
                let column = columnOf[fieldError.field].map(header)
                let value = fieldError.field == "email" ? input.email.value : nil
                problems.append(
                    ImportProblem(code: fieldError.code, column: column, value: value, message: fieldError.message))
            }
        }
        if !problems.isEmpty { throw RowRejection(line: record.line, problems: problems) }

        if case .set(let normalized) = changes.tags { self.tags = normalized } else { self.tags = [] }
        changes.tags = .keep
        self.changes = changes
        matchKeys = []
        if case .set(let email) = changes.email { matchKeys.append(.email(email)) }
        if case .set(let phone) = changes.phone, let key = phone.matchKey { matchKeys.append(.phone(key)) }
    }

    /// The contact after this row: the row's values over the stored ones, its tags added to the stored tags
    /// (up to `Tag.maxPerContact`) and its metadata merged key by key.
    public func applied(to contact: ContactValues) -> ContactValues {
        // `applying` only throws for a contact without name, e-mail and phone; the row has one of them.
        var next = (try? contact.applying(changes)) ?? contact
        for tag in tags where !next.tags.contains(tag) && next.tags.count < Tag.maxPerContact {
            next.tags.append(tag)
        }
        return next
    }

    /// A new contact made from this row alone.
    public func newContact(source: String = "csv") -> ContactValues {
        applied(to: ContactValues(source: source))
    }

    /// This row followed by a later one for the same person, as if both were applied in order: the later
    /// row's values win, tags and metadata add up, and the match keys of both are kept.
    public func merging(_ later: ContactImportRow) -> ContactImportRow {
        var merged = self
        var changes = self.changes
        func take<Value>(_ path: WritableKeyPath<ContactChanges, Patch<Value>>) {
            if later.changes[keyPath: path] != .keep { changes[keyPath: path] = later.changes[keyPath: path] }
        }
        take(\.firstName)
        take(\.lastName)
        take(\.email)
        take(\.phone)
        take(\.company)
        take(\.birthday)
        take(\.notes)
        if case .set(let laterMetadata) = later.changes.metadata {
            let current = changes.metadata.value ?? [:]
            changes.metadata = .set(current.merging(laterMetadata) { $1 })
        }
        merged.changes = changes
        merged.tags += later.tags.filter { !tags.contains($0) }
        let keys = matchKeys + later.matchKeys.filter { !matchKeys.contains($0) }
        merged.matchKeys =
            keys.filter { if case .email = $0 { true } else { false } }
            + keys.filter { if case .phone = $0 { true } else { false } }
        return merged
    }

    // MARK: - Cells

    /// A status as a keyword: "En proceso" → "en_proceso", "Clienté" → "cliente".
    static func keyword(_ text: String) -> String {
        let folded = SearchText.fold(text).map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return String(folded.split(separator: "_").joined(separator: "_").prefix(32))
    }

    static func clean(_ cell: String) -> String {
        var text = cell.trimmedWhitespace
        if text.hasPrefix("'"), let next = text.unicodeScalars.dropFirst().first, "=+-@".unicodeScalars.contains(next) {
            text.removeFirst()
        }
        return text
    }

    /// Splits a cell holding several values; Google Contacts joins them with " ::: ", read as a comma.
    private static func split(_ text: String, on separators: Set<Character>) -> [String] {
        let unified = text.contains(":::") ? text.replacingOccurrences(of: ":::", with: ",") : text
        return unified.split(whereSeparator: { separators.contains($0) }).map { String($0).trimmedWhitespace }.filter {
            !$0.isEmpty
        }
    }

    /// Google marks its system groups with "* " ("* starred"); "* myContacts" holds every contact.
    private static func tag(_ text: String) -> String? {
        let name = text.hasPrefix("* ") ? String(text.dropFirst(2)) : text
        return name.lowercased() == "mycontacts" ? nil : name
    }
}

extension Patch {
    /// The value when set.
    fileprivate var value: Value? {
        if case .set(let value) = self { value } else { nil }
    }
}
