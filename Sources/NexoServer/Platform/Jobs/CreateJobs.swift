import Fluent
import SQLKit

struct CreateJobs: AsyncMigration {
    func prepare(on database: Database) async throws {
        // No foreign key on tenant_id: system jobs use the nil UUID, and a job of a deleted tenant fails on its own.
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("tenant_id", .uuid, .required)
            .field("payload", .string, .required)
            .field("priority", .int, .required)
            .field("state", .string, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("lease_owner", .string)
            .field("lease_expires_at", .datetime)
            .field("last_error", .string)
            .field("idempotency_key", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .create()
        let sql = database.sql
        try await sql.raw("CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key)").run()
        // Ready work per tenant in the order it is taken: the claim walks tenants through this index.
        try await sql.raw(
            "CREATE INDEX jobs_ready ON jobs (tenant_id, priority DESC, run_at, id) WHERE state = 'available'"
        ).run()
        // Future work, promoted to ready when its time comes.
        try await sql.raw("CREATE INDEX jobs_due ON jobs (run_at) WHERE state IN ('scheduled', 'retryable')").run()
        try await sql.raw("CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE state = 'running'").run()
        try await sql.raw("CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state IN ('completed', 'cancelled')")
            .run()
        try await sql.raw("CREATE INDEX jobs_tenant_created ON jobs (tenant_id, created_at)").run()
        try await sql.raw("CREATE INDEX jobs_state_created ON jobs (state, created_at)").run()
    }

    func revert(on database: Database) async throws { try await database.schema("jobs").delete() }
}
