import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

extension ContactImporter {
    /// Runs a queued import: counts the rows, then reads, maps and writes them in batches of `batchSize`. Each batch's
    /// counts and rejected rows are saved in the batch's own transaction, so a page or the command line can show
    /// progress, and a run that starts again (a crashed worker, a retry) resumes after the last batch written instead
    /// of reading the file from the top. `progress` is called after each batch.
    func run(
        _ contactImport: ContactImport, progress: @Sendable (ContactImport) async -> Void = { _ in }
    ) async throws {
        guard contactImport.state == .queued || contactImport.state == .running else { return }
        let importID = try contactImport.requireID()
        let resuming = contactImport.state == .running && contactImport.totalRows != nil
        if !resuming {
            try await db.sql.delete(from: "contact_import_rejections").where("import_id", .equal, importID).run()
            var total = 0
            try await records(of: contactImport) { _ in total += 1 }
            contactImport.state = .running
            contactImport.startedAt = nexo.clock.now
            contactImport.totalRows = total
            contactImport.rowsDone = 0
            contactImport.createdCount = 0
            contactImport.updatedCount = 0
            contactImport.unchangedCount = 0
            contactImport.rejectedCount = 0
            contactImport.mergedCount = 0
            contactImport.error = nil
            try await contactImport.update(on: db)
        }
        await progress(contactImport)
        // Rows of batches already committed (with their counts) are read past, not written again.
        let skip = contactImport.rowsDone
        var seen = 0

        let mapping = contactImport.mapping
        let options = try importOptions()
        let service = ContactService(db: db, context: context)
        var batch: [(record: CSVRecord, row: Result<ContactImportRow, RowRejection>)] = []
        try await records(of: contactImport) { record in
            seen += 1
            guard seen > skip else { return }
            let row: Result<ContactImportRow, RowRejection>
            do throws(RowRejection) {
                row = .success(try ContactImportRow(record: record, mapping: mapping, options: options))
            } catch {
                row = .failure(error)
            }
            batch.append((record, row))
            if batch.count == Self.batchSize {
                try await write(batch, of: contactImport, service: service)
                batch = []
                await progress(contactImport)
            }
        }
        if !batch.isEmpty {
            try await write(batch, of: contactImport, service: service)
            await progress(contactImport)
        }
        contactImport.state = .completed
        contactImport.finishedAt = nexo.clock.now
        try await contactImport.update(on: db)
        await progress(contactImport)
    }

    private func write(
        _ rows: [(record: CSVRecord, row: Result<ContactImportRow, RowRejection>)], of contactImport: ContactImport,
        service: ContactService
    ) async throws {
        // Rows of the same person in one batch are merged first and written once, so importing the file again finds
        // every contact as the merged row left it (unchanged), instead of replaying the rows one over another.
        var groups: [ContactImportRow] = []
        var groupOf: [Int: Int] = [:]
        var groupByKey: [ContactMatchKey: Int] = [:]
        for (index, entry) in rows.enumerated() {
            guard case .success(let row) = entry.row else { continue }
            if let group = row.matchKeys.lazy.compactMap({ groupByKey[$0] }).first {
                groups[group] = groups[group].merging(row)
                groupOf[index] = group
                for key in row.matchKeys where groupByKey[key] == nil { groupByKey[key] = group }
            } else {
                groupOf[index] = groups.count
                for key in row.matchKeys { groupByKey[key] = groups.count }
                groups.append(row)
            }
        }
        let snapshot = groupOf
        _ = try await service.importRows(groups) { tx, outcomes in
            var rejected: [(record: CSVRecord, problems: [ImportProblem])] = []
            var counted: Set<Int> = []
            for (index, entry) in rows.enumerated() {
                if case .failure(let rejection) = entry.row {
                    rejected.append((entry.record, rejection.problems))
                    continue
                }
                guard let group = snapshot[index] else { continue }
                guard counted.insert(group).inserted else {
                    // A later row of a person already in this batch: it went into that row's write.
                    if case .rejected(let problems) = outcomes[group] {
                        rejected.append((entry.record, problems))
                    } else {
                        contactImport.mergedCount += 1
                    }
                    continue
                }
                switch outcomes[group] {
                case .created: contactImport.createdCount += 1
                case .updated: contactImport.updatedCount += 1
                case .unchanged: contactImport.unchangedCount += 1
                case .rejected(let problems): rejected.append((entry.record, problems))
                }
            }
            contactImport.rejectedCount += rejected.count
            contactImport.rowsDone += rows.count
            if !rejected.isEmpty {
                let insert = tx.sql.insert(into: "contact_import_rejections").columns(
                    "import_id", "tenant_id", "line", "cells", "problems")
                let encoder = JSONEncoder()
                for row in rejected {
                    insert.values(
                        SQLBind(try contactImport.requireID()), SQLBind(contactImport.tenantID), SQLBind(row.record.line),
                        SQLBind(String(decoding: try encoder.encode(row.record.cells), as: UTF8.self)),
                        SQLBind(String(decoding: try encoder.encode(row.problems), as: UTF8.self)))
                }
                try await insert.run()
            }
            try await contactImport.update(on: tx)
        }
    }

    /// The rejected rows as a CSV to fix and import again: `error` first, then the file's own columns, in the file's
    /// delimiter, UTF-8 with a BOM so Excel reads accents right.
    func rejectedRowsCSV(_ contactImport: ContactImport, describe: (ImportProblem) -> String) async throws -> String {
        let separator = CSVDelimiter(rawValue: contactImport.delimiter)?.character ?? ","
        var text = "\u{FEFF}" + RejectedRowsCSV.header(contactImport.headers, separator: separator)
        let rows = try await db.sql.select().columns("cells", "problems").from("contact_import_rejections")
            .where("import_id", .equal, try contactImport.requireID()).where("tenant_id", .equal, contactImport.tenantID)
            .orderBy("line").all()
        let decoder = JSONDecoder()
        for row in rows {
            let cells = try decoder.decode([String].self, from: Data(try row.decode(column: "cells", as: String.self).utf8))
            let problems = try decoder.decode(
                [ImportProblem].self, from: Data(try row.decode(column: "problems", as: String.self).utf8))
            text += RejectedRowsCSV.line(cells: cells, problems: problems, separator: separator, describe: describe)
        }
        return text
    }
}
