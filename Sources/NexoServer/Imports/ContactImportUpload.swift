import Foundation
import MultipartKit
import NIOConcurrencyHelpers
import NexoCore
import Vapor

/// Reads an uploaded CSV file from a request as it arrives: the raw body (`text/csv`, `application/octet-stream`, …)
/// or the `file` part of a `multipart/form-data` form. Neither is held in memory whole.
enum ContactImportUpload {
    static func receive(_ req: Request, importer: ContactImporter) async throws -> ContactImport {
        let contentType = req.headers.contentType
        do {
            if contentType?.type == "multipart", contentType?.subType == "form-data" {
                guard let boundary = contentType?.parameters["boundary"], !boundary.isEmpty else {
                    throw Problem.badRequest("A multipart/form-data body needs its boundary.", field: "file")
                }
                let filename = NIOLockedValueBox<String?>(nil)
                let contactImport = try await importer.receive(
                    filename: "", chunks: filePart(of: req.body, boundary: boundary, filename: filename))
                if let name = filename.withLockedValue({ $0 }) {
                    contactImport.filename = ContactImporter.cleanFilename(name)
                    try await contactImport.update(on: importer.db)
                }
                return contactImport
            }
            if contentType == .json || contentType == .urlEncodedForm {
                throw Problem(
                    status: .unsupportedMediaType, title: "Unsupported media type",
                    detail: "Send the CSV file as the body (Content-Type: text/csv) or as the `file` field of a "
                        + "multipart/form-data form.", code: "unsupported_media_type")
            }
            let name = (try? req.query.get(String.self, at: "filename")) ?? "contactos.csv"
            return try await importer.receive(filename: name, chunks: req.body)
        } catch let error as ContactImporter.ImportError {
            throw problem(for: error)
        }
    }

    static func problem(for error: ContactImporter.ImportError) -> Problem {
        switch error {
        case .tooLarge(let limit):
            return Problem(
                status: .payloadTooLarge, title: "Payload too large",
                detail: "The file is larger than \(limit / (1 << 20)) MB, the most an import accepts.", code: "too_large")
        case .empty:
            return Problem.badRequest("The file is empty.", field: "file")
        case .noHeader:
            return Problem(
                status: .unprocessableEntity, title: "Validation failed",
                detail: "The file has no header row: its first line must name the columns.",
                errors: [FieldError(field: "file", code: "csv.no_header", message: "The first line must name the columns.")],
                code: "validation")
        }
    }

    /// The bytes of the part named `file`, as they are parsed out of the body.
    private static func filePart(
        of body: Request.Body, boundary: String, filename: NIOLockedValueBox<String?>
    ) -> AsyncThrowingStream<ByteBuffer, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                let parser = MultipartParser(boundary: boundary)
                var headers: [String: String] = [:]
                var sawFile = false
                parser.onHeader = { name, value in headers[name.lowercased()] = value }
                parser.onBody = { buffer in
                    guard Self.partName(headers["content-disposition"]) == "file" else { return }
                    if !sawFile {
                        sawFile = true
                        filename.withLockedValue { $0 = Self.partFilename(headers["content-disposition"]) }
                    }
                    continuation.yield(buffer)
                }
                parser.onPartComplete = { headers = [:] }
                do {
                    for try await buffer in body { try parser.execute(buffer) }
                    if !sawFile {
                        throw Problem.badRequest("The form has no `file` field with the CSV file.", field: "file")
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// `form-data; name="file"; filename="x.csv"` → the value of `name` (or `filename` with `key: "filename"`).
    static func partName(_ disposition: String?) -> String? { parameter("name", of: disposition) }
    static func partFilename(_ disposition: String?) -> String? { parameter("filename", of: disposition) }

    private static func parameter(_ key: String, of disposition: String?) -> String? {
        guard let disposition else { return nil }
        for piece in disposition.split(separator: ";") {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
