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
        app.nexo.eventSubscribers.register(AutomationEventSubscriber())
        app.nexo.periodicTasks.append(
            PeriodicTask(name: "scheduler", interval: .seconds(2)) { app in
                try await AutomationScheduler(app: app).tick()
            })
    }
}

/// Starts the runs of the automations listening for each event.
struct AutomationEventSubscriber: DomainEventSubscriber {
    func handle(_ events: [DomainEvent], app: Application) async throws -> Set<UUID> {
        try await AutomationEngine(app: app).handle(events)
    }
}
