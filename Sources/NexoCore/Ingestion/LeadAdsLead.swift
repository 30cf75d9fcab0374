import Foundation

/// A lead from a Meta Lead Ads form, as the Graph API returns it (`GET /<leadgen_id>`).
public struct LeadAdsLead: Sendable, Hashable {
    /// One question's answer: Meta's standard names (`email`, `full_name`, `phone_number`, …) or the
    /// question a form author wrote ("¿Cuándo quieres visitarnos?").
    public struct Answer: Sendable, Hashable {
        public let name: String
        public let values: [String]

        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    public let id: String?
    public let formID: String?
    public let adID: String?
    public let adgroupID: String?
    public let campaignID: String?
    public let createdTime: Date?
    /// In the form's order.
    public let fieldData: [Answer]

    public init(
        id: String?, formID: String? = nil, adID: String? = nil, adgroupID: String? = nil, campaignID: String? = nil,
        createdTime: Date? = nil, fieldData: [Answer]
    ) {
        self.id = id
        self.formID = formID
        self.adID = adID
        self.adgroupID = adgroupID
        self.campaignID = campaignID
        self.createdTime = createdTime
        self.fieldData = fieldData
    }

    /// Reads a Graph API lead: `{"id":"…","form_id":"…","created_time":"2015-02-28T08:49:14+0000",
    /// "field_data":[{"name":"email","values":["joe@example.com"]}]}`.
    ///
    /// Ids may be strings or numbers (see `GraphID`); answers without a name are skipped, and numbers or
    /// booleans among the values read as text.
    public init(graphJSON: Data) throws(LeadgenPayloadError) {
        let lead: GraphLead
        do {
            lead = try JSONDecoder().decode(GraphLead.self, from: graphJSON)
        } catch {
            throw LeadgenPayloadError(decoding: error)
        }
        if let error = lead.error { throw .graphError(error) }
        guard let answers = lead.fieldData else { throw .missingFieldData }
        self.init(
            id: lead.id?.nonBlank, formID: lead.formID?.nonBlank, adID: lead.adID?.nonBlank,
            adgroupID: lead.adgroupID?.nonBlank, campaignID: lead.campaignID?.nonBlank,
            createdTime: lead.createdTime?.date,
            fieldData: answers)
    }

    private struct GraphLead: Decodable {
        let id: GraphID?
        let formID: GraphID?
        let adID: GraphID?
        let adgroupID: GraphID?
        let campaignID: GraphID?
        let createdTime: GraphTime?
        let fieldData: [Answer]?
        /// The Graph API's `error.message`, when it answered with an error.
        let error: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func graphID(_ key: CodingKeys) -> GraphID? { try? container.decodeIfPresent(GraphID.self, forKey: key) }
            id = graphID(.id)
            formID = graphID(.formID)
            adID = graphID(.adID)
            adgroupID = graphID(.adgroupID)
            campaignID = graphID(.campaignID)
            createdTime = try? container.decodeIfPresent(GraphTime.self, forKey: .createdTime)
            let answers = try container.decodeIfPresent([JSONValue].self, forKey: .fieldData)
            fieldData = answers?.compactMap(Self.answer)
            switch try? container.decodeIfPresent(JSONValue.self, forKey: .error) {
            case nil, .null?: error = nil
            case .object(let members)?: error = members["message"]?.cellText ?? JSONValue.object(members).jsonText
            case let other?: error = other.displayText
            }
        }

        private static func answer(_ value: JSONValue) -> Answer? {
            guard case .object(let members) = value, let name = members["name"]?.cellText,
                !name.trimmedWhitespace.isEmpty
            else { return nil }
            return Answer(name: name, values: members["values"]?.scalarTexts ?? [])
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case formID = "form_id"
            case adID = "ad_id"
            case adgroupID = "adgroup_id"
            case campaignID = "campaign_id"
            case createdTime = "created_time"
            case fieldData = "field_data"
            case error
        }
    }
}
