import type { PrometheusClient, SeriesMode } from './prometheus-client.js'
import type { MetricSource, Samples } from './metric-source.js'

/** One workload's PromQL query as a metric source. */
export class PrometheusSource implements MetricSource {
  constructor (private readonly client: PrometheusClient, private readonly query: string, private readonly mode: SeriesMode) {}

  async fetch (startMs: number, endMs: number, stepSeconds: number, signal?: AbortSignal): Promise<Samples> {
    return await this.client.queryRange(this.query, startMs, endMs, stepSeconds, this.mode, signal)
  }
}
