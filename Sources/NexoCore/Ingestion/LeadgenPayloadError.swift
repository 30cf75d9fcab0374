/// Why a Meta Lead Ads body (a webhook delivery or a Graph API lead) cannot be read.
public enum LeadgenPayloadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not JSON at all.
    case invalidJSON
    /// JSON, but not in the shape Meta documents; says what was wrong.
    case unexpectedShape(String)
    /// A webhook for another kind of object ("instagram", "user", …); nil when `object` is missing.
    case notPage(object: String?)
    /// A `leadgen` change without `leadgen_id`; the place is a path such as `entry[0].changes[1]`.
    case missingLeadgenID(at: String)
    /// A `leadgen` change with neither `page_id` nor an entry `id`.
    case missingPageID(at: String)
    /// The Graph API answered with an error instead of a lead.
    case graphError(String)
    /// A lead without `field_data`: not a lead, or fetched without that field.
    case missingFieldData

    /// Stable, for logs and translations.
    public var code: String {
        switch self {
        case .invalidJSON: "leadgen.invalid_json"
        case .unexpectedShape: "leadgen.unexpected_shape"
        case .notPage: "leadgen.not_page"
        case .missingLeadgenID: "leadgen.id_missing"
        case .missingPageID: "leadgen.page_id_missing"
        case .graphError: "leadgen.graph_error"
        case .missingFieldData: "leadgen.field_data_missing"
        }
    }

    public var message: String {
        switch self {
        case .invalidJSON:
            "The body is not valid JSON."
        case .unexpectedShape(let detail):
            "The body is not shaped like Meta's Lead Ads JSON: \(detail)."
        case .notPage(let object?):
            "The webhook is for \"\(object)\" objects; lead notifications come for \"page\"."
        case .notPage(nil):
            "The webhook has no \"object\"; lead notifications come with \"object\": \"page\"."
        case .missingLeadgenID(let place):
            "\(place) is a leadgen change without a leadgen_id."
        case .missingPageID(let place):
            "\(place) is a leadgen change without a page_id, and its entry has no id."
        case .graphError(let detail):
            "The Graph API answered with an error: \(detail)"
        case .missingFieldData:
            "The lead has no field_data: request the lead with its field_data."
        }
    }

    public var description: String { message }
}
