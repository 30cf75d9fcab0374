import Fluent
import Foundation
import Vapor

/// Runs one contact import (see `ContactImporter.run`). A file that cannot be read any more fails the import with the
/// reason instead of retrying.
struct ContactImportJob: JobHandler {
    var kind: String { ContactImporter.jobKind }
    var timeout: Duration { .seconds(6 * 3600) }

    struct Payload: Decodable { let import_id: UUID }

    func run(_ job: ClaimedJob, app: Application) async throws {
        let id = try job.decode(Payload.self).import_id
        guard
            let contactImport = try await ContactImport.query(on: app.db).filter(\.$id == id)
                .filter(\.$tenantID == job.tenantID).first(),
            let tenant = try await Tenant.find(contactImport.tenantID, on: app.db)
        else { return }
        let context = try TenantContext(
            tenant: tenant, actor: .system("CSV import “\(contactImport.filename)” (\(contactImport.createdBy))"), role: .owner)
        let importer = ContactImporter(db: app.db, nexo: app.nexo, context: context)
        guard FileManager.default.fileExists(atPath: try importer.fileURL(of: contactImport).path) else {
            contactImport.state = .failed
            contactImport.error = "The uploaded file is no longer on this server."
            contactImport.finishedAt = app.nexo.clock.now
            try await contactImport.update(on: app.db)
            throw JobFailure.permanent("import file missing")
        }
        do {
            try await importer.run(contactImport)
        } catch {
            // The last attempt: say so on the import instead of leaving it running for ever. Earlier attempts are
            // retried by the queue and start over (rows already written come back unchanged).
            if job.attempts >= job.maxAttempts || error is JobFailure {
                contactImport.state = .failed
                contactImport.error = "The import stopped: \(String(describing: error).prefix(500))"
                contactImport.finishedAt = app.nexo.clock.now
                try? await contactImport.update(on: app.db)
            }
            throw error
        }
    }
}
