import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

extension AutomationEngine {
    /// Carries a run from its current step to the end, a wait, or a failure. Safe to call twice for the same run:
    /// finished runs are left alone and each step's effect is guarded by its own key.
    func execute(runID: UUID, job: ClaimedJob) async throws {
        guard let run = try await AutomationRun.find(runID, on: db), !run.state.isFinished else { return }
        guard let automation = try await Automation.find(run.automationID, on: db),
            let tenant = try await Tenant.find(run.tenantID, on: db)
        else { return }
        let definition = try automation.definition
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        guard let contactID = run.contactID,
            var contact = try await Contact.query(on: db).filter(\.$tenantID == run.tenantID).filter(\.$id == contactID).first()
        else {
            try await finish(run, automation, .skipped, note: "contact.gone: the contact no longer exists")
            return
        }

        if run.state == .pending {
            // Conditions again, now: the contact may have changed since the run was created (a fan-out selects a
            // superset; consent may have been withdrawn in between).
            let report = definition.conditions.evaluate(Self.facts(of: contact), now: now, tenantZone: zone)
            if !report.matches, let failure = report.firstFailure {
                try await finish(run, automation, .skipped, note: try AutomationJSON.encode(failure.reason))
                return
            }
            // Only one execution moves the run out of pending, so it is counted once.
            let started = now
            let automationID = try automation.requireID()
            let moved = try await db.writeTransaction { tx -> Bool in
                let rows = try await tx.sql.raw(
                    """
                    UPDATE automation_runs SET state = 'running', started_at = \(bind: started)
                    WHERE id = \(bind: runID) AND state = 'pending' RETURNING id
                    """
                ).all()
                guard !rows.isEmpty else { return false }
                try await tx.sql.raw(
                    """
                    UPDATE automations SET runs_count = runs_count + 1, last_run_at = \(bind: started)
                    WHERE id = \(bind: automationID)
                    """
                ).run()
                return true
            }
            run.state = .running
            if moved { run.startedAt = started }
        } else if run.state == .waiting {
            run.state = .running
            run.resumeAt = nil
            try await run.update(on: db)
        }

        while run.stepIndex < definition.steps.count {
            let index = run.stepIndex
            let step = definition.steps[index]
            let clock = ContinuousClock.now
            let startedAt = now
            @Sendable func record(_ state: AutomationRunStep.State, detail: String?, error: String?, on db: any Database)
                async throws
            {
                let elapsed = ContinuousClock.now - clock
                try await AutomationRunStep(
                    tenantID: run.tenantID, runID: runID, stepIndex: index, stepType: step.type, state: state,
                    attempt: job.attempts, detail: detail, error: error, startedAt: startedAt,
                    durationMS: Int(elapsed.seconds * 1000)
                ).create(on: db)
            }
            switch step {
            case .wait:
                guard let until = step.waitEnds(after: now, in: zone) else {
                    throw JobFailure.permanent("step \(index + 1): the wait has no end")
                }
                run.state = .waiting
                run.resumeAt = until
                run.stepIndex = index + 1
                let resumeJob = try Self.runJob(run, at: until, purpose: "resume")
                let now = self.now
                try await db.writeTransaction { tx in
                    try await record(.waiting, detail: "until \(until.ISO8601Format())", error: nil, on: tx)
                    try await run.update(on: tx)
                    try await app.nexo.jobQueue(on: tx).enqueue(resumeJob, now: now)
                }
                return
            case .stop:
                try await record(.stopped, detail: nil, error: nil, on: db)
                run.stepIndex = index + 1
                try await finish(run, automation, .stopped, note: "step.stop: stopped at step \(index + 1)")
                return
            default:
                guard let executor = app.nexo.stepExecutors.executor(for: step.type) else {
                    try await record(.failed, detail: nil, error: "no executor for \(step.type)", on: db)
                    try await finish(run, automation, .failed, error: "step \(index + 1): no executor for \(step.type)")
                    throw JobFailure.permanent("no executor for step type \(step.type)")
                }
                let context = StepContext(
                    app: app, tenant: tenant, automation: automation, run: run, contact: contact, stepIndex: index, now: now,
                    attempt: job.attempts)
                let outcome: StepOutcome
                do {
                    outcome = try await executor.run(step, in: context)
                } catch {
                    let message = (error as? JobFailure)?.description ?? String(describing: error)
                    try await record(.failed, detail: nil, error: message, on: db)
                    let permanent: Bool = if case JobFailure.permanent = error { true } else { false }
                    if permanent || job.attempts >= job.maxAttempts {
                        try await finish(run, automation, .failed, error: "step \(index + 1) (\(step.type)): \(message)")
                    }
                    throw error
                }
                run.stepIndex = index + 1
                try await db.writeTransaction { tx in
                    switch outcome {
                    case .done(let detail): try await record(.succeeded, detail: detail, error: nil, on: tx)
                    case .skipped(let reason): try await record(.skipped, detail: reason, error: nil, on: tx)
                    }
                    try await run.update(on: tx)
                }
                // The next step sees what this one changed (a tag, a field).
                if let fresh = try await Contact.query(on: db).filter(\.$tenantID == run.tenantID).filter(\.$id == contactID)
                    .first()
                {
                    contact = fresh
                }
            }
        }
        try await finish(run, automation, .succeeded)
    }

    /// Ends a run and counts it on its automation, in one transaction. A skipped run gives its re-entry key back:
    /// the contact may qualify later (consent given next week) and must not be locked out by a run that did nothing.
    func finish(
        _ run: AutomationRun, _ automation: Automation, _ state: AutomationRun.State, note: String? = nil, error: String? = nil
    ) async throws {
        run.state = state
        run.finishedAt = now
        run.note = note
        run.error = error
        if state == .skipped { run.dedupeKey += ":skipped:\(try run.requireID().uuidString)" }
        let column =
            switch state {
            case .succeeded, .stopped: "succeeded_count"
            case .failed: "failed_count"
            default: "skipped_count"
            }
        let automationID = try automation.requireID()
        try await db.writeTransaction { tx in
            try await run.update(on: tx)
            try await tx.sql.raw(
                "UPDATE automations SET \(unsafeRaw: column) = \(unsafeRaw: column) + 1 WHERE id = \(bind: automationID)"
            ).run()
        }
    }

    /// Runs a failed run again, from the step that failed or from the start.
    func retry(_ run: AutomationRun, fromStart: Bool) async throws {
        guard run.state == .failed || run.state == .stopped || run.state == .succeeded || run.state == .skipped else {
            throw Problem.conflict("Only a finished run can be retried.", existingID: nil, field: "run")
        }
        if fromStart {
            run.stepIndex = 0
            run.state = .pending
        } else {
            run.state = .running
        }
        run.error = nil
        run.note = nil
        run.finishedAt = nil
        let job = try Self.runJob(run, purpose: "retry-\(UUID().uuidString.prefix(8))")
        let now = self.now
        try await db.writeTransaction { tx in
            try await run.update(on: tx)
            try await app.nexo.jobQueue(on: tx).enqueue(job, now: now)
        }
    }
}
