import cluster from 'node:cluster'
import { randomUUID } from 'node:crypto'
import { AggregatorRegistry, type Registry } from 'prom-client'

const request = 'platform:metrics:request'
const response = 'platform:metrics:response'

interface MetricsRequest { type: typeof request, id: string }
interface MetricsResponse { type: typeof response, id: string, body?: string, error?: string }

export interface ClusterExposition { contentType: string, body: string }

function isMessage<T extends { type: string }> (message: unknown, type: T['type']): message is T {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type
}

/**
 * In the primary: answers workers that ask for the whole cluster's metrics. prom-client's
 * AggregatorRegistry gathers every worker's registry over IPC (counters and histograms summed,
 * gauges per worker) so one scrape of any worker's `/metrics` shows all of them.
 */
export function serveClusterMetrics (): void {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage<MetricsRequest>(message, request)) return
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: response, id: message.id, body } satisfies MetricsResponse),
      (err: unknown) => worker.send({ type: response, id: message.id, error: String(err) } satisfies MetricsResponse)
    )
  })
}

/**
 * In a worker: reports `registry` to the primary's aggregator and returns the `collect`
 * function for the `/metrics` route, which asks the primary for the aggregated exposition.
 */
export function clusterWorkerCollector (registry: Registry, timeoutMs = 5000): () => Promise<ClusterExposition> {
  AggregatorRegistry.setRegistries([registry])
  // prom-client installs the worker's answering listener only when an aggregator is constructed.
  void new AggregatorRegistry()
  const pending = new Map<string, { resolve: (body: string) => void, reject: (err: Error) => void }>()
  process.on('message', (message: unknown) => {
    if (!isMessage<MetricsResponse>(message, response)) return
    const waiter = pending.get(message.id)
    if (waiter === undefined) return
    pending.delete(message.id)
    if (message.body !== undefined) waiter.resolve(message.body)
    else waiter.reject(new Error(`cluster metrics failed: ${message.error ?? 'unknown error'}`))
  })
  return async () => {
    const send = process.send?.bind(process)
    if (send === undefined) throw new Error('clusterWorkerCollector needs to run in a node:cluster worker')
    const id = randomUUID()
    const body = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error(`cluster metrics timed out after ${timeoutMs} ms`))
      }, timeoutMs)
      pending.set(id, {
        resolve: (value) => { clearTimeout(timer); resolve(value) },
        reject: (err) => { clearTimeout(timer); reject(err) }
      })
      send({ type: request, id } satisfies MetricsRequest)
    })
    return { contentType: AggregatorRegistry.PROMETHEUS_CONTENT_TYPE, body }
  }
}
