import { Counter, Gauge, Histogram, type LabelValues, type Registry } from 'prom-client'

const durationBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/** What `forget` needs of a metric, whatever its type and labels. */
interface LabelledMetric {
  get: () => Promise<{ values: Array<{ labels: LabelValues<string> }> }>
  remove: (labels: LabelValues<string>) => void
}

/** What each workload's latest snapshot says, read at scrape time (so the age is really measured). */
export interface SnapshotView {
  workload: string
  generatedAtMs: number | undefined
}

/**
 * Every forecaster metric, declared together. Labels are bounded: workload names come from config,
 * stage/reason/method/status are closed sets.
 */
export class ForecasterMetrics {
  readonly collectDuration: Histogram<'workload'>
  readonly fitDuration: Histogram<'workload' | 'model'>
  readonly predictDuration: Histogram<'workload' | 'model'>
  readonly tickDuration: Histogram<'workload'>
  readonly predictedValue: Gauge<'workload'>
  readonly predictedQuantileValue: Gauge<'workload' | 'quantile'>
  readonly actualValue: Gauge<'workload'>
  readonly desiredReplicas: Gauge<'workload'>
  readonly currentReplicas: Gauge<'workload'>
  readonly errors: Counter<'workload' | 'stage' | 'reason'>
  readonly deadlineMisses: Counter<'workload' | 'stage'>
  readonly byomFallbacks: Counter<'workload' | 'reason'>
  readonly accuracyWape: Gauge<'workload'>
  readonly accuracyCoverage: Gauge<'workload' | 'quantile'>
  readonly reactiveMode: Gauge<'workload'>
  readonly planningQuantile: Gauge<'workload'>
  readonly leaseOwned: Gauge<'workload'>
  readonly grpcRequests: Counter<'method' | 'status' | 'workload'>
  readonly grpcDuration: Histogram<'method'>
  readonly safeAnswers: Counter<'workload' | 'reason'>

  constructor (registry: Registry, snapshots: () => Promise<SnapshotView[]>) {
    const registers = [registry]
    this.collectDuration = new Histogram({ name: 'forecaster_collect_duration_seconds', help: 'Time to fetch new samples from the metric source', labelNames: ['workload'], buckets: durationBuckets, registers })
    this.fitDuration = new Histogram({ name: 'forecaster_fit_duration_seconds', help: 'Time to fit or update the model', labelNames: ['workload', 'model'], buckets: durationBuckets, registers })
    this.predictDuration = new Histogram({ name: 'forecaster_predict_duration_seconds', help: 'Time to forecast the horizon (BYOM: the HTTP call)', labelNames: ['workload', 'model'], buckets: durationBuckets, registers })
    this.tickDuration = new Histogram({ name: 'forecaster_tick_duration_seconds', help: 'Time of one whole loop iteration', labelNames: ['workload'], buckets: durationBuckets, registers })
    this.predictedValue = new Gauge({ name: 'forecaster_predicted_value', help: 'Forecast load at the first step of the latest forecast', labelNames: ['workload'], registers })
    this.predictedQuantileValue = new Gauge({ name: 'forecaster_predicted_quantile_value', help: 'Tracked forecast quantile (the band\'s upper edge) at the first step of the latest forecast', labelNames: ['workload', 'quantile'], registers })
    this.actualValue = new Gauge({ name: 'forecaster_actual_value', help: 'Newest load sample read for the workload (its series summed)', labelNames: ['workload'], registers })
    this.desiredReplicas = new Gauge({ name: 'forecaster_desired_replicas', help: 'Replicas planned for now by the latest forecast', labelNames: ['workload'], registers })
    this.currentReplicas = new Gauge({ name: 'forecaster_current_replicas', help: 'Replicas counted by the workload\'s currentReplicasQuery at the latest plan', labelNames: ['workload'], registers })
    this.errors = new Counter({ name: 'forecaster_errors_total', help: 'Loop failures by stage (lease, collect, forecast, plan, store) and reason', labelNames: ['workload', 'stage', 'reason'], registers })
    this.deadlineMisses = new Counter({ name: 'forecaster_deadline_misses_total', help: 'Loop stages that took longer than their deadline', labelNames: ['workload', 'stage'], registers })
    this.byomFallbacks = new Counter({ name: 'forecaster_byom_fallbacks_total', help: 'Forecasts made by the fallback model because BYOM failed', labelNames: ['workload', 'reason'], registers })
    this.accuracyWape = new Gauge({ name: 'forecaster_accuracy_wape_ratio', help: 'Rolling weighted absolute percentage error of past forecasts', labelNames: ['workload'], registers })
    this.accuracyCoverage = new Gauge({ name: 'forecaster_accuracy_coverage_ratio', help: 'Rolling share of actuals under the tracked quantile', labelNames: ['workload', 'quantile'], registers })
    this.reactiveMode = new Gauge({ name: 'forecaster_reactive_mode', help: '1 while the workload plans reactively because its forecast error is over the threshold', labelNames: ['workload'], registers })
    this.planningQuantile = new Gauge({ name: 'forecaster_planning_quantile', help: 'Forecast quantile the latest plan was made from, for workloads whose adaptiveQuantile steers it', labelNames: ['workload'], registers })
    this.leaseOwned = new Gauge({ name: 'forecaster_lease_owned', help: '1 when this replica holds the workload lease', labelNames: ['workload'], registers })
    this.grpcRequests = new Counter({ name: 'forecaster_grpc_requests_total', help: 'External scaler gRPC requests by method and status code', labelNames: ['method', 'status', 'workload'], registers })
    this.grpcDuration = new Histogram({ name: 'forecaster_grpc_request_duration_seconds', help: 'External scaler gRPC handling time', labelNames: ['method'], buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5], registers })
    this.safeAnswers = new Counter({ name: 'forecaster_scaler_safe_answers_total', help: 'Scaler answers made from the safe value (stale or missing forecast)', labelNames: ['workload', 'reason'], registers })
    new Gauge({ // eslint-disable-line no-new -- registered with the registry, read at scrape time
      name: 'forecaster_forecast_age_seconds',
      help: 'Age of the latest stored forecast, measured at scrape time',
      labelNames: ['workload'],
      registers,
      async collect () {
        this.reset()
        const now = Date.now()
        for (const s of await snapshots()) {
          if (s.generatedAtMs !== undefined) this.set({ workload: s.workload }, Math.max(0, (now - s.generatedAtMs) / 1000))
        }
      }
    })
  }

  /** Drops every series of a removed workload, whatever its other labels, so /metrics stops reporting it. */
  async forget (workload: string): Promise<void> {
    const labelled: LabelledMetric[] = [this.collectDuration, this.fitDuration, this.predictDuration, this.tickDuration, this.predictedValue,
      this.predictedQuantileValue, this.actualValue, this.desiredReplicas, this.currentReplicas,
      this.errors, this.deadlineMisses, this.byomFallbacks, this.accuracyWape, this.accuracyCoverage, this.reactiveMode, this.planningQuantile,
      this.leaseOwned, this.grpcRequests, this.safeAnswers]
    for (const metric of labelled) {
      const { values } = await metric.get()
      for (const { labels } of values) {
        if (labels.workload !== workload) continue
        // Histogram samples carry the bucket's `le`, which is not one of the metric's own labels.
        const { le: _bucket, ...own } = labels
        metric.remove(own)
      }
    }
  }
}
