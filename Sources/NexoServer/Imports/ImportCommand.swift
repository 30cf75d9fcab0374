import Fluent
import Foundation
import NexoCore
import Vapor

/// `nexo import contacts FILE --tenant <id|slug> [--map 3=email --map 5=ignore]`: the same import the pages and the
/// API run, from the command line: how the file is read, then a progress line per batch, then the counts. Exits
/// non-zero when rows were rejected, naming the file that holds them.
struct ImportCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["contacts": ImportContactsCommand()]
    var help: String { "Import data from files" }
}

struct ImportContactsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The CSV file") var file: String
        @Option(name: "tenant", help: "Tenant id or slug") var tenant: String?
        @Option(name: "map", help: "Column overrides, e.g. 3=email,5=metadata:numero,6=ignore (columns from 0)")
        var map: String?
    }

    var help: String { "Import contacts from a CSV file (as a job, with progress)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let tenant = try await TenantLookup.require(signature.tenant, on: app.db)
        guard FileManager.default.isReadableFile(atPath: signature.file) else {
            throw CommandFailure("cannot read \(signature.file)")
        }
        let ctx = try TenantContext(tenant: tenant, actor: .system("nexo import"), role: .owner)
        let importer = ContactImporter(db: app.db, nexo: app.nexo, context: ctx)
        let contactImport: ContactImport
        do {
            contactImport = try await importer.receive(
                filename: signature.file, chunks: FileChunks(url: URL(fileURLWithPath: signature.file)))
        } catch let error as ContactImporter.ImportError {
            throw CommandFailure(ContactImportUpload.problem(for: error).reason)
        }
        var raw: [String: String] = [:]
        for pair in (signature.map ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw CommandFailure("--map takes column=field pairs, e.g. 3=email") }
            raw[parts[0]] = parts[1]
        }
        let overrides: [Int: ContactField]
        do {
            overrides = try ContactImportsAPIController.overrides(raw)
        } catch let problem as Problem {
            throw CommandFailure("--map: " + (problem.errors ?? []).map(\.message).joined(separator: " "))
        }
        let mapping = contactImport.mapping.overriding(overrides)
        context.console.print(
            "\(contactImport.filename): \(contactImport.encoding), delimiter \(Self.name(of: contactImport.delimiter))")
        for (index, header) in mapping.headers.enumerated() {
            context.console.print("  \(index)  \(header)  →  \(mapping.fields[index].key)")
        }
        // This process does the job's work itself, with a progress line per batch (no worker needed).
        try await importer.start(contactImport, overrides: overrides, queueJob: false)
        try await importer.run(contactImport) { progress in
            guard let total = progress.totalRows, progress.state == .running else { return }
            context.console.print("  \(progress.rowsDone)/\(total) rows")
        }
        context.console.print(
            "created \(contactImport.createdCount), updated \(contactImport.updatedCount), "
                + "unchanged \(contactImport.unchangedCount), merged \(contactImport.mergedCount), "
                + "rejected \(contactImport.rejectedCount) "
                + "of \(contactImport.totalRows ?? 0) rows")
        if contactImport.rejectedCount > 0 {
            let text = try await importer.rejectedRowsCSV(contactImport) { $0.description }
            let url = URL(fileURLWithPath: signature.file).deletingPathExtension().path + "-rejected.csv"
            try text.write(toFile: url, atomically: true, encoding: .utf8)
            throw CommandFailure("\(contactImport.rejectedCount) rows were rejected; they are in \(url) with the reasons")
        }
    }

    static func name(of delimiter: String) -> String {
        switch delimiter {
        case "\t": "tab"
        case ",": "comma (,)"
        case ";": "semicolon (;)"
        case "|": "pipe (|)"
        default: delimiter
        }
    }
}
