import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Series } from '@platform/forecasting'
import type { BuiltinOptions, ForecastRun, ModelRunner } from './builtin-forecaster.js'
import type { FitReply, FitRequest } from './fit-messages.js'

interface Slot {
  worker: Worker
  /** Workload keys whose fitted model lives in this worker. */
  keys: Set<string>
  pending: Map<number, { resolve: (run: ForecastRun) => void, reject: (err: Error) => void }>
}

/**
 * From source (tests, `pnpm dev`) the worker is TypeScript: load it through tsx's ESM API with the
 * workspace's source condition. Built code (`dist/`) starts the compiled worker directly.
 */
function spawnWorker (): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./fit-worker.js', import.meta.url))
  const require = createRequire(import.meta.url)
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href
  const entry = new URL('./fit-worker.ts', import.meta.url).href
  return new Worker(`import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`, {
    eval: true,
    execArgv: ['--conditions', '@platform/source']
  })
}

/** An error thrown inside a fit worker, with its original name (reasons are derived from it). */
function workerError (error: { name: string, message: string }): Error {
  const err = new Error(error.message)
  err.name = error.name
  return err
}

/**
 * A small pool of worker threads for model fits, so a slow fit (auto, arima, mstl: hundreds of
 * ms) never blocks HTTP and gRPC reads. A workload sticks to one worker, which keeps its fitted
 * model between ticks (cheap update() instead of a refit); new workloads go to the worker with
 * the fewest. Workers start on first use; a worker that dies fails its in-flight runs (the loop
 * records them as forecast-stage errors) and is replaced, its workloads refitting from scratch.
 */
export class FitPool {
  private readonly slots: Array<Slot | undefined>
  private readonly assigned = new Map<string, number>()
  private nextId = 0
  private nextKey = 0
  private closed = false

  constructor (readonly size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`fit pool size must be a positive integer, got ${size}`)
    this.slots = Array.from({ length: size }, () => undefined)
  }

  /** A runner for one workload's model; each call gets its own state in the pool. */
  runner (name: string, options: BuiltinOptions): ModelRunner {
    const key = `${name}#${this.nextKey++}`
    return {
      run: async (series, nowMs, levels) => await this.run(key, options, series, nowMs, levels),
      dispose: () => { this.forget(key) }
    }
  }

  async close (): Promise<void> {
    this.closed = true
    await Promise.all(this.slots.map(async (slot) => await slot?.worker.terminate()))
  }

  private async run (key: string, options: BuiltinOptions, series: Series, nowMs: number, levels: readonly number[] | undefined): Promise<ForecastRun> {
    if (this.closed) throw new Error('fit pool is closed')
    const index = this.assign(key)
    const slot = this.slot(index)
    const id = this.nextId++
    return await new Promise<ForecastRun>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject })
      const request: FitRequest = { kind: 'run', id, key, options, series, nowMs, levels }
      slot.worker.postMessage(request)
    })
  }

  private forget (key: string): void {
    const index = this.assigned.get(key)
    if (index === undefined) return
    this.assigned.delete(key)
    const slot = this.slots[index]
    if (slot === undefined) return
    slot.keys.delete(key)
    const request: FitRequest = { kind: 'forget', key }
    slot.worker.postMessage(request)
  }

  private assign (key: string): number {
    const known = this.assigned.get(key)
    if (known !== undefined) return known
    let best = 0
    for (let i = 1; i < this.size; i++) {
      if ((this.slots[i]?.keys.size ?? 0) < (this.slots[best]?.keys.size ?? 0)) best = i
    }
    this.assigned.set(key, best)
    this.slot(best).keys.add(key)
    return best
  }

  private slot (index: number): Slot {
    const existing = this.slots[index]
    if (existing !== undefined) return existing
    const slot: Slot = { worker: spawnWorker(), keys: new Set(), pending: new Map() }
    slot.worker.on('message', (reply: FitReply) => {
      const job = slot.pending.get(reply.id)
      if (job === undefined) return
      slot.pending.delete(reply.id)
      if ('error' in reply) job.reject(workerError(reply.error))
      else job.resolve(reply.run)
    })
    const fail = (err: Error): void => {
      if (this.slots[index] === slot) this.slots[index] = undefined
      for (const key of slot.keys) this.assigned.delete(key)
      for (const job of slot.pending.values()) job.reject(err)
      slot.pending.clear()
    }
    slot.worker.on('error', fail)
    slot.worker.on('exit', (code) => { fail(new Error(`fit worker exited with code ${code}`)) })
    this.slots[index] = slot
    return slot
  }
}
