import Foundation

/// Meta's documented Lead Ads examples (copied from /work/shared/fixtures/meta-leadgen), inlined because the
/// test target declares no resources.
enum MetaLeadgenFixtures {
    /// A Page webhook delivery, ids as JSON numbers.
    static let webhook = Data(
        """
        {
          "object": "page",
          "entry": [
            {
              "id": 153125381133,
              "time": 1438292065,
              "changes": [
                {
                  "field": "leadgen",
                  "value": {
                    "leadgen_id": 123123123123,
                    "page_id": 123123123,
                    "form_id": 12312312312,
                    "adgroup_id": 12312312312,
                    "ad_id": 12312312312,
                    "created_time": 1440120384
                  }
                }
              ]
            }
          ]
        }
        """.utf8)

    /// A lead as `GET /<leadgen_id>` returns it, ids as strings.
    static let lead = Data(
        """
        {
          "created_time": "2015-02-28T08:49:14+0000",
          "id": "123123123123",
          "ad_id": "12312312312",
          "form_id": "12312312312",
          "field_data": [
            {
              "name": "car_make",
              "values": [
                "Honda"
              ]
            },
            {
              "name": "full_name",
              "values": [
                "Joe Example"
              ]
            },
            {
              "name": "email",
              "values": [
                "joe@example.com"
              ]
            },
            {
              "name": "phone_number",
              "values": [
                "+5491155551234"
              ]
            }
          ]
        }
        """.utf8)
}
