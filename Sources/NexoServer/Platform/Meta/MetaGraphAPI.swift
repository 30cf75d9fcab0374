import Foundation
import NIOCore
import Vapor

/// An error Meta's Graph API answered: `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`, or a
/// connection failure (`code` nil).
struct MetaGraphError: Error, CustomStringConvertible, Sendable {
    let status: Int?
    let code: Int?
    let type: String?
    let message: String

    var description: String {
        var text = "Meta: \(message)"
        if let code { text += " (code \(code)\(type.map { ", \($0)" } ?? ""))" }
        return text
    }
}

/// What Nexo reads from Meta's Graph API. The live implementation calls `NEXO_META_GRAPH_URL`; tests point it at a
/// local server speaking the same format.
protocol MetaGraph: Sendable {
    /// The lead's JSON as Meta returns it (`id`, `created_time`, `field_data`, `form_id`, `ad_id`, …).
    func lead(id: String, accessToken: String) async throws(MetaGraphError) -> Data
}

struct LiveMetaGraph: MetaGraph {
    let client: any Client
    let baseURL: String
    let version: String

    init(app: Application) {
        client = app.client
        baseURL = app.nexo.settings.metaGraphBaseURL
        version = app.nexo.settings.metaGraphVersion
    }

    func lead(id: String, accessToken: String) async throws(MetaGraphError) -> Data {
        guard id.allSatisfy(\.isNumber), !id.isEmpty else {
            throw MetaGraphError(status: nil, code: nil, type: nil, message: "“\(id)” is not a lead id.")
        }
        var components = URLComponents(string: "\(baseURL)/\(version)/\(id)")
        components?.queryItems = [
            URLQueryItem(name: "access_token", value: accessToken),
            URLQueryItem(name: "fields", value: "id,created_time,ad_id,adgroup_id,campaign_id,form_id,field_data"),
        ]
        let response: ClientResponse
        do {
            response = try await client.get(URI(string: components?.string ?? "")) { request in
                request.timeout = .seconds(15)
            }
        } catch {
            throw MetaGraphError(status: nil, code: nil, type: nil, message: "Graph API not reachable: \(error)")
        }
        let body = response.body.map { Data(buffer: $0) } ?? Data()
        guard response.status.code == 200 else { throw Self.error(status: Int(response.status.code), body: body) }
        return body
    }

    static func error(status: Int, body: Data) -> MetaGraphError {
        struct Envelope: Decodable {
            struct Detail: Decodable {
                let message: String?
                let type: String?
                let code: Int?
            }
            let error: Detail
        }
        if let envelope = try? JSONDecoder().decode(Envelope.self, from: body) {
            return MetaGraphError(
                status: status, code: envelope.error.code, type: envelope.error.type,
                message: envelope.error.message ?? "HTTP \(status)")
        }
        return MetaGraphError(status: status, code: nil, type: nil, message: "HTTP \(status)")
    }
}
