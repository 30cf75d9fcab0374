import Fluent
import Foundation
import Vapor

/// `nexo jobs list|stats|retry|cancel`: operators look at and act on background work across tenants.
struct JobsCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = [
        "list": JobsListCommand(),
        "stats": JobsStatsCommand(),
        "retry": JobsRetryCommand(),
        "cancel": JobsCancelCommand(),
    ]
    var help: String { "List, retry and cancel background jobs" }
}

/// The options the job commands share.
struct JobFilterOptions {
    static func filter(tenant: String?, state: String?, kind: String?, on db: any Database) async throws -> JobFilter {
        var filter = JobFilter()
        if let tenant { filter.tenantID = try await TenantLookup.require(tenant, on: db).requireID() }
        if let state {
            guard let parsed = JobState(rawValue: state) else {
                throw CommandFailure("--state must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.state = parsed
        }
        filter.kind = kind
        return filter
    }
}

struct JobsListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "tenant", help: "Only this tenant's jobs (id or slug)") var tenant: String?
        @Option(name: "state", help: "scheduled, available, running, retryable, completed, dead or cancelled") var state: String?
        @Option(name: "kind", help: "Only jobs of this kind") var kind: String?
        @Option(name: "limit", help: "How many, newest first (default 50)") var limit: Int?
        @Flag(name: "json", help: "One JSON object per line") var json: Bool
    }

    var help: String { "List jobs, newest first" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var filter = try await JobFilterOptions.filter(
            tenant: signature.tenant, state: signature.state, kind: signature.kind, on: app.db)
        filter.limit = min(max(signature.limit ?? 50, 1), 10_000)
        let jobs = try await JobQueue(db: app.db, signal: nil).list(filter)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for job in jobs {
            if signature.json {
                context.console.output(String(decoding: try encoder.encode(job), as: UTF8.self), style: .plain)
            } else {
                let error = job.lastError.map { "  \($0.prefix(80))" } ?? ""
                context.console.print(
                    "\(job.id.uuidString)  \(job.state.padding(toLength: 9, withPad: " ", startingAt: 0))  "
                        + "\(job.kind)  attempts \(job.attempts)/\(job.maxAttempts)  \(job.createdAt.ISO8601Format())\(error)")
            }
        }
        if jobs.isEmpty, !signature.json { context.console.print("no jobs match") }
    }
}

struct JobsStatsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "tenant", help: "Only this tenant's jobs (id or slug)") var tenant: String?
    }

    var help: String { "Count jobs per state" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let filter = try await JobFilterOptions.filter(tenant: signature.tenant, state: nil, kind: nil, on: app.db)
        let counts = try await JobQueue(db: app.db, signal: nil).counts(tenantID: filter.tenantID)
        for state in JobState.allCases {
            context.console.print("\(state.rawValue): \(counts[state.rawValue] ?? 0)")
        }
    }
}

struct JobsRetryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The job's id, or 'all' with --state") var id: String
        @Option(name: "tenant", help: "With 'all': only this tenant's jobs") var tenant: String?
        @Option(name: "state", help: "With 'all': dead, cancelled or retryable") var state: String?
        @Option(name: "kind", help: "With 'all': only jobs of this kind") var kind: String?
    }

    var help: String { "Run dead, cancelled or retrying jobs again now" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let queue = JobQueue(db: app.db, signal: nil)
        let count: Int
        if signature.id == "all" {
            let filter = try await JobFilterOptions.filter(
                tenant: signature.tenant, state: signature.state, kind: signature.kind, on: app.db)
            guard filter.state?.isRetryable == true else {
                throw CommandFailure("retry all needs --state dead, cancelled or retryable")
            }
            count = try await queue.retryAll(filter)
        } else {
            guard let id = UUID(uuidString: signature.id) else { throw CommandFailure("give a job id or 'all'") }
            guard let job = try await queue.find(id, tenantID: nil) else { throw CommandFailure("no job \(id)") }
            count = try await queue.retry(ids: [id], tenantID: nil)
            if count == 0 {
                throw CommandFailure("job \(id) is \(job.state); only dead, cancelled or retrying jobs can be retried")
            }
        }
        context.console.print("retried \(count) job(s)")
    }
}

struct JobsCancelCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The job's id") var id: String
    }

    var help: String { "Cancel a job that has not started" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let queue = JobQueue(db: app.db, signal: nil)
        guard let id = UUID(uuidString: signature.id) else { throw CommandFailure("give a job id") }
        guard let job = try await queue.find(id, tenantID: nil) else { throw CommandFailure("no job \(id)") }
        guard try await queue.cancel(ids: [id], tenantID: nil) == 1 else {
            throw CommandFailure("job \(id) is \(job.state); only jobs that have not started can be cancelled")
        }
        context.console.print("cancelled \(id)")
    }
}
