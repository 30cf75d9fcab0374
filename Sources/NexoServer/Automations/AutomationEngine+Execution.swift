import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

extension AutomationEngine {
    /// Carries a run from its current step to the end, a wait, or a failure. Safe to call twice for the same run:
    /// only one execution moves it out of pending or waiting, finished runs are left alone, and each step's effect
    /// is guarded by its own key. A failure that will not be retried (permanent, or the job's last attempt) ends
    /// the run as failed, so no run is left "running" with nothing behind it.
    func execute(runID: UUID, job: ClaimedJob) async throws {
        do {
            try await carry(runID: runID, job: job)
        } catch {
            let permanent: Bool = if case JobFailure.permanent = error { true } else { false }
            if permanent || job.attempts >= job.maxAttempts, let run = try? await AutomationRun.find(runID, on: db),
                !run.state.isFinished, let automation = try? await Automation.find(run.automationID, on: db)
            {
                let message = (error as? JobFailure)?.description ?? String(describing: error)
                try? await finish(run, automation, .failed, error: run.error ?? message)
            }
            throw error
        }
    }

    private func carry(runID: UUID, job: ClaimedJob) async throws {
        guard let run = try await AutomationRun.find(runID, on: db), !run.state.isFinished else { return }
        guard let automation = try await Automation.find(run.automationID, on: db),
            let tenant = try await Tenant.find(run.tenantID, on: db)
        else { return }
        if tenant.status == .suspended || tenant.status == .banned {
            try await finish(run, automation, .skipped, note: "tenant.inactive: the business is \(tenant.status.rawValue)")
            return
        }
        let definition = try automation.definition
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        guard let contactID = run.contactID,
            var contact = try await Contact.query(on: db).filter(\.$tenantID == run.tenantID).filter(\.$id == contactID).first()
        else {
            try await finish(run, automation, .skipped, note: "contact.gone: the contact no longer exists")
            return
        }

        if run.state == .pending {
            // Conditions again: the contact may have changed since the run was created (a fan-out selects a superset;
            // consent may have been withdrawn in between). Dates are judged at the scheduled time of the fire, so a
            // birthday run started just after midnight, or a catch-up, still means that day.
            var judgedAt = now
            if let fireID = run.fireID, let fire = try await AutomationFire.find(fireID, on: db) { judgedAt = fire.scheduledFor }
            let report = definition.conditions.evaluate(Self.facts(of: contact), now: judgedAt, tenantZone: zone)
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
            guard moved else { return }  // another execution has it
            run.state = .running
            run.startedAt = started
        } else if run.state == .waiting {
            // Only when the wait is over, and only once: an early or repeated delivery of the job changes nothing.
            let resumed = try await db.sql.raw(
                """
                UPDATE automation_runs SET state = 'running', resume_at = NULL
                WHERE id = \(bind: runID) AND state = 'waiting' AND (resume_at IS NULL OR resume_at <= \(bind: now))
                RETURNING id
                """
            ).all()
            guard !resumed.isEmpty else { return }
            run.state = .running
            run.resumeAt = nil
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

    /// Ends a run and counts it on its automation, in one transaction, once: a second execution finishing the same
    /// run changes nothing. A skipped run gives its re-entry key back: the contact may qualify later (consent given
    /// next week) and must not be locked out by a run that did nothing.
    func finish(
        _ run: AutomationRun, _ automation: Automation, _ state: AutomationRun.State, note: String? = nil, error: String? = nil
    ) async throws {
        let runID = try run.requireID()
        let finishedAt = now
        let key = state == .skipped ? run.dedupeKey + ":skipped:\(runID.uuidString)" : run.dedupeKey
        let column = state.counterColumn
        let automationID = try automation.requireID()
        let finished = try await db.writeTransaction { tx -> Bool in
            let rows = try await tx.sql.raw(
                """
                UPDATE automation_runs SET state = \(bind: state.rawValue), finished_at = \(bind: finishedAt),
                    note = \(bind: note), error = \(bind: error), dedupe_key = \(bind: key), step_index = \(bind: run.stepIndex)
                WHERE id = \(bind: runID) AND state NOT IN ('succeeded', 'failed', 'skipped', 'stopped')
                RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { return false }
            try await tx.sql.raw(
                "UPDATE automations SET \(unsafeRaw: column) = \(unsafeRaw: column) + 1 WHERE id = \(bind: automationID)"
            ).run()
            return true
        }
        if finished {
            run.state = state
            run.finishedAt = finishedAt
            run.note = note
            run.error = error
            run.dedupeKey = key
        }
    }

    /// Runs a finished run again. From the failed step: only a failed run, carrying on where it stopped (steps
    /// already done are not repeated). From the start: any finished run, as a new generation whose e-mails and
    /// other effects happen again. Counters move the run back out of its old outcome.
    func retry(_ run: AutomationRun, fromStart: Bool) async throws {
        let runID = try run.requireID()
        let old = run.state
        guard old.isFinished else {
            throw Problem.conflict("Only a finished run can be retried.", existingID: runID, field: "run")
        }
        guard fromStart || old == .failed else {
            throw Problem.conflict(
                "Only a failed run can continue from its failed step; retry it from the start.", existingID: runID, field: "from")
        }
        let next: AutomationRun.State = fromStart ? .pending : .running
        let generation = fromStart ? run.generation + 1 : run.generation
        let stepIndex = fromStart ? 0 : run.stepIndex
        // A skipped run gave its re-entry key back; it takes a fresh one of its own so it cannot collide.
        let key = old == .skipped ? "retry:\(runID.uuidString):\(generation)" : run.dedupeKey
        let oldColumn = old.counterColumn
        let counted = old != .skipped && fromStart
        let automationID = run.automationID
        run.state = next
        run.stepIndex = stepIndex
        run.generation = generation
        let job = try Self.runJob(run, purpose: "retry-\(generation)-\(UUID().uuidString.prefix(8))")
        let now = self.now
        let moved = try await db.writeTransaction { tx -> Bool in
            let rows = try await tx.sql.raw(
                """
                UPDATE automation_runs SET state = \(bind: next.rawValue), step_index = \(bind: stepIndex),
                    generation = \(bind: generation), dedupe_key = \(bind: key), error = NULL, note = NULL,
                    finished_at = NULL
                WHERE id = \(bind: runID) AND state = \(bind: old.rawValue)
                RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { return false }
            // From the start it will be counted again when it starts; from the failed step it is still the same run.
            let runs: SQLQueryString = counted ? ", runs_count = runs_count - 1" : ""
            try await tx.sql.raw(
                """
                UPDATE automations SET \(unsafeRaw: oldColumn) = \(unsafeRaw: oldColumn) - 1\(runs)
                WHERE id = \(bind: automationID)
                """
            ).run()
            try await app.nexo.jobQueue(on: tx).enqueue(job, now: now)
            return true
        }
        guard moved else {
            throw Problem.conflict("The run changed meanwhile; reload the page.", existingID: runID, field: "run")
        }
        run.dedupeKey = key
        run.error = nil
        run.note = nil
        run.finishedAt = nil
    }
}
