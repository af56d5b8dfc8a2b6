import CoreMetrics
import Prometheus

/// The service's metrics, recorded through swift-metrics into a Prometheus registry of its own
/// (not the process-wide bootstrap, so several services can live in one process) and exposed
/// as Prometheus text at GET /metrics.
package final class ServiceMetrics: Sendable {
    package let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    package init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120].map { Duration.milliseconds(Int64($0 * 1000)) }
        self.factory = factory
    }

    /// Jobs waiting for a worker.
    package func queueDepth(_ value: Int) { Gauge(label: "zkinfer_queue_depth", factory: factory).record(value) }

    /// Jobs proving now.
    package func proving(_ value: Int) { Gauge(label: "zkinfer_jobs_proving", factory: factory).record(value) }

    /// Jobs by final state (accepted, succeeded, failed) and requests refused (queue_full, …).
    package func job(_ event: String) {
        Counter(label: "zkinfer_jobs_total", dimensions: [("event", event)], factory: factory).increment()
    }

    package func proveDuration(model: String, seconds: Double) {
        Timer(label: "zkinfer_prove_duration_seconds", dimensions: [("model", model)], factory: factory)
            .recordNanoseconds(Int64(seconds * 1e9))
    }

    package func bytesOut(_ count: Int, kind: String) {
        Counter(label: "zkinfer_bytes_out_total", dimensions: [("kind", kind)], factory: factory).increment(by: count)
    }

    package func exposition() -> String { registry.emitToString() }
}
