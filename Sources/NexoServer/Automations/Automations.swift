import Foundation
import Vapor

/// Wires automations into the process: job handlers, step executors, and the leader's event dispatch and scheduler.
enum Automations {
    static func register(on app: Application) {
        app.nexo.jobs.register(AutomationRunJob())
        app.nexo.jobs.register(AutomationFanOutJob())
        app.nexo.jobs.register(AutomationFanOutBatchJob())
        let steps = app.nexo.stepExecutors
        steps.register(EmailStepExecutor())
        steps.register(TagStepExecutor(type: "add_tag"))
        steps.register(TagStepExecutor(type: "remove_tag"))
        steps.register(SetFieldStepExecutor())
        steps.register(LogInteractionStepExecutor())
        steps.register(WebhookStepExecutor())
        app.nexo.periodicTasks.append(
            PeriodicTask(name: "event dispatch", interval: .milliseconds(500)) { app in
                // Drain: a burst of events (an import) is dispatched in consecutive batches, not one per tick.
                while try await AutomationEngine(app: app).dispatchPendingEvents() == 500 {}
            })
        app.nexo.periodicTasks.append(
            PeriodicTask(name: "scheduler", interval: .seconds(2)) { app in
                try await AutomationScheduler(app: app).tick()
            })
    }
}
