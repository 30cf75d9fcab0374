import Fluent
import Foundation
import NexoCore
import Vapor

/// Contact imports from CSV files: receives a file (streamed to the data directory), previews how it will be read,
/// starts the import job with the chosen mapping, and runs it (see `ContactImporter+Run`).
struct ContactImporter: Sendable {
    let db: any Database
    let nexo: Nexo
    let context: TenantContext

    /// Rows shown in a preview.
    static let previewRows = 10
    /// Rows written per transaction (and between progress updates) while importing.
    static let batchSize = 1000
    static let jobKind = "contacts.import"

    enum ImportError: Error, Equatable {
        case tooLarge(limit: Int)
        case empty
        case noHeader
    }

    /// Where an import's file is kept: `<data dir>/imports/<tenant>/<import>.csv`.
    static func fileURL(dataDirectory: String, tenantID: UUID, importID: UUID) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("imports").appendingPathComponent(tenantID.uuidString)
            .appendingPathComponent(importID.uuidString + ".csv")
    }

    func fileURL(of contactImport: ContactImport) throws -> URL {
        Self.fileURL(
            dataDirectory: nexo.settings.dataDirectory, tenantID: contactImport.tenantID,
            importID: try contactImport.requireID())
    }

    // MARK: - Receiving

    /// Writes the chunks to the import's file as they arrive, then reads its start to learn the encoding, the
    /// delimiter and the header. Nothing is kept when the file is refused.
    func receive(
        filename: String, chunks: some AsyncSequence<ByteBuffer, any Error>
    ) async throws -> ContactImport {
        let id = UUID()
        let url = Self.fileURL(dataDirectory: nexo.settings.dataDirectory, tenantID: context.tenantID, importID: id)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw Abort(.internalServerError, reason: "cannot create \(url.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: url)
            var size = 0
            do {
                for try await var chunk in chunks {
                    size += chunk.readableBytes
                    if size > nexo.settings.importMaxSize { throw ImportError.tooLarge(limit: nexo.settings.importMaxSize) }
                    if let bytes = chunk.readBytes(length: chunk.readableBytes) { try handle.write(contentsOf: bytes) }
                }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard size > 0 else { throw ImportError.empty }
            let (encoding, delimiter, header) = try await readHeader(url)
            let contactImport = try ContactImport(
                id: id, tenantID: context.tenantID, createdBy: context.actor.label,
                filename: Self.cleanFilename(filename), sizeBytes: Int64(size), encoding: encoding, delimiter: delimiter,
                headers: header, now: nexo.clock.now)
            try await contactImport.create(on: db)
            return contactImport
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    /// The file name as shown back to people: no directories, no control characters, at most 200 characters.
    static func cleanFilename(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
        let trimmed = clean.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "contactos.csv" : String(trimmed.prefix(200))
    }

    private func readHeader(_ url: URL) async throws -> (CSVEncoding, CSVDelimiter, [String]) {
        var reader = CSVReader()
        var first: CSVRecord?
        for try await chunk in FileChunks(url: url) {
            first = reader.read(chunk.readableBytesView).first
            if first != nil { break }
        }
        if first == nil { first = reader.finish().first }
        guard let header = first, header.problem == nil, header.cells.contains(where: { !$0.isEmpty }) else {
            throw ImportError.noHeader
        }
        return (reader.encoding ?? .utf8, reader.delimiter ?? .comma, header.cells)
    }

    // MARK: - Preview

    struct Preview: Sendable {
        struct Row: Sendable {
            let line: Int
            let values: ContactValues?
            let tags: [String]
            let problems: [ImportProblem]
        }

        let mapping: ColumnMapping
        let rows: [Row]
    }

    /// The first rows as they would be stored with the import's mapping (and `overrides` on top), or their problems.
    func preview(_ contactImport: ContactImport, overrides: [Int: ContactField] = [:]) async throws -> Preview {
        let mapping = contactImport.mapping.overriding(overrides)
        let options = try importOptions()
        var rows: [Preview.Row] = []
        try await records(of: contactImport, limit: Self.previewRows) { record in
            do throws(RowRejection) {
                let row = try ContactImportRow(record: record, mapping: mapping, options: options)
                rows.append(Preview.Row(line: record.line, values: row.newContact(), tags: row.tags, problems: []))
            } catch {
                rows.append(Preview.Row(line: record.line, values: nil, tags: [], problems: error.problems))
            }
        }
        return Preview(mapping: mapping, rows: rows)
    }

    func importOptions() throws -> ImportOptions {
        ImportOptions(
            defaultCountry: context.country, dateOrder: DateOrder.forCountry(context.country),
            currentYear: ImportDate.currentYear(now: nexo.clock.now))
    }

    /// Calls `body` with each record after the header, in order, at most `limit` of them.
    func records(
        of contactImport: ContactImport, limit: Int = .max, _ body: (CSVRecord) async throws -> Void
    ) async throws {
        var reader = CSVReader(
            encoding: CSVEncoding(rawValue: contactImport.encoding), delimiter: CSVDelimiter(rawValue: contactImport.delimiter))
        var seenHeader = false
        var count = 0
        func take(_ records: [CSVRecord]) async throws -> Bool {
            for record in records {
                if !seenHeader {
                    seenHeader = true
                    continue
                }
                guard count < limit else { return false }
                count += 1
                try await body(record)
            }
            return count < limit
        }
        for try await chunk in FileChunks(url: try fileURL(of: contactImport)) {
            guard try await take(reader.read(chunk.readableBytesView)) else { return }
        }
        _ = try await take(reader.finish())
    }

    // MARK: - Starting

    /// Confirms the mapping (the guess with `overrides` on top) and queues the import job (unless the caller runs
    /// it itself, as `nexo import` does).
    func start(_ contactImport: ContactImport, overrides: [Int: ContactField], queueJob: Bool = true) async throws {
        guard contactImport.state == .uploaded else {
            throw Problem(
                status: .conflict, title: "Conflict", detail: "This import has already started.", code: "import_started")
        }
        let columns = contactImport.headers.count
        if let bad = overrides.keys.first(where: { $0 < 0 || $0 >= columns }) {
            throw Problem.badRequest("mapping names column \(bad); the file has columns 0 to \(columns - 1).", field: "mapping")
        }
        let merged = contactImport.overrides.merging(overrides) { $1 }
        let raw = Dictionary(uniqueKeysWithValues: merged.map { (String($0.key), $0.value.key) })
        contactImport.mappingJSON = String(decoding: try JSONEncoder().encode(raw), as: UTF8.self)
        contactImport.state = .queued
        let id = try contactImport.requireID()
        let now = nexo.clock.now
        guard queueJob else { return try await contactImport.update(on: db) }
        try await db.writeTransaction { tx in
            try await contactImport.update(on: tx)
            try await nexo.jobQueue(on: tx).enqueue(
                try NewJob(
                    kind: Self.jobKind, tenantID: contactImport.tenantID, payload: ["import_id": id.uuidString],
                    maxAttempts: 3, idempotencyKey: "import:\(id.uuidString)"),
                now: now)
        }
        try await nexo.jobQueue(on: db).announce()
    }
}
