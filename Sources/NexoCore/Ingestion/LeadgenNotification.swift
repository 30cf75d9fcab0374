import Foundation

/// One new lead announced by a Meta Page webhook: the ids to fetch it with from the Graph API.
///
/// Meta batches: one delivery can hold several entries (pages), each with several changes; only the
/// `leadgen` changes are leads.
public struct LeadgenNotification: Sendable, Hashable {
    public let leadgenID: String
    public let pageID: String
    public let formID: String?
    public let adID: String?
    public let adgroupID: String?
    public let createdTime: Date?

    public init(
        leadgenID: String, pageID: String, formID: String? = nil, adID: String? = nil, adgroupID: String? = nil,
        createdTime: Date? = nil
    ) {
        self.leadgenID = leadgenID
        self.pageID = pageID
        self.formID = formID
        self.adID = adID
        self.adgroupID = adgroupID
        self.createdTime = createdTime
    }

    /// Every lead in a webhook body, in order; empty when it has no `leadgen` change.
    ///
    /// Ids may be JSON numbers or strings; numbers are read from their digits (see `GraphID`), so ids
    /// past 2^53 keep every digit. A `page_id` missing from the change is the entry's `id`. Fields of the
    /// wrong type are treated as missing.
    public static func parse(_ body: Data) throws(LeadgenPayloadError) -> [LeadgenNotification] {
        let delivery: Delivery
        do {
            delivery = try JSONDecoder().decode(Delivery.self, from: body)
        } catch {
            throw LeadgenPayloadError(decoding: error)
        }
        guard delivery.object == "page" else { throw .notPage(object: delivery.object) }

        var notifications: [LeadgenNotification] = []
        for (entryIndex, entry) in (delivery.entry ?? []).enumerated() {
            for (changeIndex, change) in (entry.changes ?? []).enumerated() where change.field == "leadgen" {
                let place = "entry[\(entryIndex)].changes[\(changeIndex)]"
                guard let leadgenID = change.value?.leadgenID?.nonBlank else { throw .missingLeadgenID(at: place) }
                guard let pageID = change.value?.pageID?.nonBlank ?? entry.id?.nonBlank else {
                    throw .missingPageID(at: place)
                }
                notifications.append(
                    LeadgenNotification(
                        leadgenID: leadgenID, pageID: pageID, formID: change.value?.formID?.nonBlank,
                        adID: change.value?.adID?.nonBlank, adgroupID: change.value?.adgroupID?.nonBlank,
                        createdTime: change.value?.createdTime?.date))
            }
        }
        return notifications
    }

    /// `{"object":"page","entry":[{"id":…,"changes":[{"field":"leadgen","value":{…}}]}]}`
    private struct Delivery: Decodable {
        let object: String?
        let entry: [Entry]?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            object = try? container.decodeIfPresent(String.self, forKey: .object)
            entry = try container.decodeIfPresent([Entry].self, forKey: .entry)
        }

        private enum CodingKeys: String, CodingKey {
            case object, entry
        }
    }

    private struct Entry: Decodable {
        let id: GraphID?
        let changes: [Change]?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try? container.decodeIfPresent(GraphID.self, forKey: .id)
            changes = try container.decodeIfPresent([Change].self, forKey: .changes)
        }

        private enum CodingKeys: String, CodingKey {
            case id, changes
        }
    }

    private struct Change: Decodable {
        let field: String?
        /// Read only for `leadgen` changes: other fields have values of other shapes.
        let value: Value?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            field = try? container.decodeIfPresent(String.self, forKey: .field)
            value = field == "leadgen" ? try? container.decodeIfPresent(Value.self, forKey: .value) : nil
        }

        private enum CodingKeys: String, CodingKey {
            case field, value
        }
    }

    private struct Value: Decodable {
        let leadgenID: GraphID?
        let pageID: GraphID?
        let formID: GraphID?
        let adID: GraphID?
        let adgroupID: GraphID?
        let createdTime: GraphTime?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func graphID(_ key: CodingKeys) -> GraphID? { try? container.decodeIfPresent(GraphID.self, forKey: key) }
            leadgenID = graphID(.leadgenID)
            pageID = graphID(.pageID)
            formID = graphID(.formID)
            adID = graphID(.adID)
            adgroupID = graphID(.adgroupID)
            createdTime = try? container.decodeIfPresent(GraphTime.self, forKey: .createdTime)
        }

        private enum CodingKeys: String, CodingKey {
            case leadgenID = "leadgen_id"
            case pageID = "page_id"
            case formID = "form_id"
            case adID = "ad_id"
            case adgroupID = "adgroup_id"
            case createdTime = "created_time"
        }
    }
}
