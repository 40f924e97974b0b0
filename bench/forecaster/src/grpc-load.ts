import { credentials, loadPackageDefinition, type ServiceClientConstructor, type ServiceError } from '@grpc/grpc-js'
import { loadSync } from '@grpc/proto-loader'
import { protoPath } from './proto.js'

const pkg = loadPackageDefinition(loadSync(protoPath, { keepCase: true, longs: Number, defaults: true })) as unknown as { externalscaler: { ExternalScaler: ServiceClientConstructor } }

type GetMetrics = (req: object, cb: (err: ServiceError | null) => void) => void

export interface LoadResult {
  requests: number
  errors: number
  seconds: number
  p50Ms: number
  p99Ms: number
}

function quantile (sorted: number[], q: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
}

function client (address: string) {
  const c = new pkg.externalscaler.ExternalScaler(address, credentials.createInsecure()) as unknown as { GetMetrics: GetMetrics, close: () => void }
  return c
}

const request = (workload: string) => ({ scaledObjectRef: { name: workload, namespace: 'bench', scalerMetadata: { workload } }, metricName: 'm' })

/** Open-loop load: `rate` GetMetrics per second for `seconds`, each timed from its scheduled start. */
export async function fixedRate (address: string, workloads: string[], rate: number, seconds: number): Promise<LoadResult> {
  const c = client(address)
  const latencies: number[] = []
  let errors = 0
  const total = rate * seconds
  const began = performance.now()
  await new Promise<void>((resolve) => {
    let sent = 0
    let done = 0
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * rate) + 1)
      for (; sent < due; sent++) {
        const scheduled = began + (sent / rate) * 1000
        c.GetMetrics(request(workloads[sent % workloads.length] as string), (err) => {
          latencies.push(performance.now() - scheduled)
          if (err !== null) errors++
          if (++done === total) resolve()
        })
      }
      if (sent < total) setTimeout(tick, 1)
    }
    tick()
  })
  const elapsed = (performance.now() - began) / 1000
  c.close()
  latencies.sort((a, b) => a - b)
  return { requests: total, errors, seconds: elapsed, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) }
}

/** Closed-loop load: `concurrency` callers back to back for `seconds`; throughput is requests/s. */
export async function maxThroughput (address: string, workloads: string[], concurrency: number, seconds: number): Promise<LoadResult> {
  const c = client(address)
  const latencies: number[] = []
  let errors = 0
  let n = 0
  const end = performance.now() + seconds * 1000
  const began = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const start = performance.now()
      await new Promise<void>((resolve) => {
        c.GetMetrics(request(workloads[n++ % workloads.length] as string), (err) => {
          if (err !== null) errors++
          latencies.push(performance.now() - start)
          resolve()
        })
      })
    }
  }))
  const elapsed = (performance.now() - began) / 1000
  c.close()
  latencies.sort((a, b) => a - b)
  return { requests: latencies.length, errors, seconds: elapsed, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) }
}
