import Foundation
import Logging
import Metrics
import Prometheus

/// Process-wide logging and metrics, set up once by the `nexo` executable (never by tests, which run many apps).
enum Observability {
    static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped = NSLock()
    nonisolated(unsafe) private static var done = false

    static func bootstrap(settings: Settings) {
        bootstrapped.lock()
        defer { bootstrapped.unlock() }
        guard !done else { return }
        done = true
        let format: MaskingLogHandler.Format = settings.logFormat == .json ? .json : .text
        LoggingSystem.bootstrap { label in MaskingLogHandler(label: label, format: format, level: settings.logLevel) }
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }
}
