/// How a tenant's webhook payloads become contacts:
/// `{"fields":[{"path":"customer.email","field":"email"}],"id_path":"id","filter":{…}}`.
///
/// A payload is read like one CSV row whose columns are the mapped paths (see `SyntheticRecord`), so a
/// contact posted by a shop obeys the same rules as one imported from a file. With no `fields`, the
/// mapping is guessed from each payload (`guess(for:)`), which is enough for most senders.
public struct WebhookMapping: Sendable, Hashable, Codable {
    /// Empty: guess from each payload. Several paths may go to one single-valued field: the first with a
    /// value wins, as with CSV columns.
    public var fields: [WebhookFieldMapping]
    /// Where the sender puts the event's id, to recognise a delivery sent twice. The id must be a string
    /// or a number; numbers past 2^53 lose digits in `JSONValue`, so such ids must come as strings.
    public var idPath: JSONPath?
    /// Payloads that do not match are skipped.
    public var filter: WebhookFilter?

    public init(fields: [WebhookFieldMapping] = [], idPath: JSONPath? = nil, filter: WebhookFilter? = nil) {
        self.fields = fields
        self.idPath = idPath
        self.filter = filter
    }

    /// The mapping applied to this payload: `fields`, or the guess when there are none.
    public func fields(for payload: JSONValue) -> [WebhookFieldMapping] {
        fields.isEmpty ? Self.guess(for: payload) : fields
    }

    /// Checks the payload's shape, then the filter, then reads the id and maps the values like a CSV row.
    /// An unusable payload reports every problem at once (a missing id and an invalid e-mail together).
    public func evaluate(_ payload: JSONValue, options: ImportOptions) -> WebhookMappingOutcome {
        guard case .object = payload else {
            return .unusable(problems: [
                ImportProblem(
                    code: ImportProblem.webhookNotObject, value: String(payload.jsonText.prefix(100)),
                    message: "The payload is \(Self.kind(of: payload)), not a JSON object: it has no fields to map.")
            ])
        }
        if let filter, !filter.matches(payload) {
            return .filteredOut(reason: "The payload does not match the filter: \(filter.summary).")
        }

        var problems: [ImportProblem] = []
        var eventID: String?
        if let idPath {
            eventID = idPath.value(in: payload).flatMap(Self.eventID)
            if eventID == nil {
                problems.append(
                    ImportProblem(
                        code: ImportProblem.webhookIDMissing, column: idPath.description,
                        value: idPath.value(in: payload).map(\.jsonText),
                        message: "No event id at \(idPath): the id path must hold a string or a number."))
            }
        }

        let fields = fields(for: payload)
        let record = SyntheticRecord(
            columns: fields.map { mapping in
                SyntheticRecord.Column(
                    header: mapping.path.description, text: mapping.path.value(in: payload)?.cellText ?? "",
                    field: mapping.field)
            })
        do {
            let row = try record.row(options: options)
            guard problems.isEmpty else { return .unusable(problems: problems) }
            return .accepted(row: row, eventID: eventID, fields: fields)
        } catch {
            problems += error.problems.map { problem in
                problem.code == ImportProblem.identityRequired ? identityProblem(fields: fields) : problem
            }
            return .unusable(problems: problems)
        }
    }

    /// "No e-mail, phone or name found: looked at customer.email, customer.phone, customer.name."
    private func identityProblem(fields: [WebhookFieldMapping]) -> ImportProblem {
        let order: [ContactField] = [.email, .phone, .fullName, .firstName, .lastName]
        let looked = order.flatMap { field in fields.filter { $0.field == field }.map(\.path.description) }
        let detail =
            if !looked.isEmpty {
                "looked at " + looked.joined(separator: ", ") + "."
            } else if self.fields.isEmpty {
                "no key of the payload looks like one; map them in the webhook's settings."
            } else {
                "the mapping has no path for them."
            }
        return ImportProblem(code: ImportProblem.identityRequired, message: "No e-mail, phone or name found: " + detail)
    }

    /// A string's text or a number's digits; nil for anything else and for blank text.
    private static func eventID(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text):
            let trimmed = text.trimmedWhitespace
            return trimmed.isEmpty ? nil : trimmed
        case .number(let number):
            return JSONValue.text(of: number)
        default:
            return nil
        }
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case fields
        case idPath = "id_path"
        case filter
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fields = try container.decodeIfPresent([WebhookFieldMapping].self, forKey: .fields) ?? []
        idPath = try container.decodeIfPresent(JSONPath.self, forKey: .idPath)
        filter = try container.decodeIfPresent(WebhookFilter.self, forKey: .filter)
    }
}
