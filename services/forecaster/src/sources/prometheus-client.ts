import { setTimeout as sleep } from 'node:timers/promises'
import { Agent, request, type Dispatcher } from 'undici'
import { type LabeledSamples, labelKey, type Samples, SourceError } from './metric-source.js'

export interface PrometheusClientOptions {
  /** Base URL, with any path prefix kept (`https://host/prometheus`). */
  url: string
  bearerToken?: string | undefined
  basicAuth?: { username: string, password: string } | undefined
  /** PEM bundle to trust for https (a private CA). */
  ca?: string | undefined
  timeoutMs: number
  retries: number
  /** First retry delay; doubled per attempt with full jitter. */
  backoffMs?: number
}

/** `sum` adds every returned series per timestamp; `single` refuses more than one series (`keep`: queryRangeSeries). */
export type SeriesMode = 'sum' | 'single'

/** Prometheus answers at most 11,000 points per series and request; stay under it. */
export const MAX_POINTS_PER_REQUEST = 10_000

interface MatrixBody {
  status: string
  error?: string
  data?: { resultType?: string, result?: Array<{ metric?: Record<string, string>, values?: Array<[number, string]> }> }
}

/** A `query_range` client: long windows are split, transient failures retried with backoff. */
export class PrometheusClient {
  private readonly endpoint: URL
  private readonly headers: Record<string, string>
  private readonly dispatcher: Dispatcher | undefined

  constructor (private readonly options: PrometheusClientOptions) {
    const base = options.url.endsWith('/') ? options.url : `${options.url}/`
    this.endpoint = new URL('api/v1/query_range', base)
    this.headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
    if (options.bearerToken !== undefined) this.headers.authorization = `Bearer ${options.bearerToken}`
    if (options.basicAuth !== undefined) {
      this.headers.authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`
    }
    this.dispatcher = options.ca === undefined ? undefined : new Agent({ connect: { ca: options.ca } })
  }

  /** Evaluates `query` over [start, end] at `stepSeconds` into one series (summed, or the only one). */
  async queryRange (query: string, startMs: number, endMs: number, stepSeconds: number, mode: SeriesMode, signal?: AbortSignal): Promise<Samples> {
    const timestamps: number[] = []
    const values: number[] = []
    await this.eachChunk(query, startMs, endMs, stepSeconds, signal, (body) => {
      const chunk = toSamples(body, mode, query)
      timestamps.push(...chunk.timestamps)
      values.push(...chunk.values)
    })
    return { timestamps, values }
  }

  /**
   * The query's value (summed over its series) evaluated at most 15 s before `nowMs`, or undefined
   * when it has none: a count read at a fixed fine resolution, whatever step the load is read at.
   */
  async latestValue (query: string, nowMs: number, signal?: AbortSignal): Promise<number | undefined> {
    const samples = await this.queryRange(query, nowMs - 120_000, nowMs, 15, 'sum', signal)
    // An older point means the series has just gone (its samples left Prometheus's lookback).
    const last = samples.timestamps.at(-1)
    return last !== undefined && last >= nowMs - 15_000 ? samples.values.at(-1) : undefined
  }

  /** Evaluates `query` over [start, end] at `stepSeconds`, keeping every returned series apart with its labels. */
  async queryRangeSeries (query: string, startMs: number, endMs: number, stepSeconds: number, signal?: AbortSignal): Promise<LabeledSamples[]> {
    const byKey = new Map<string, LabeledSamples>()
    await this.eachChunk(query, startMs, endMs, stepSeconds, signal, (body) => {
      for (const series of toLabeledSamples(body)) {
        const key = labelKey(series.labels)
        const held = byKey.get(key)
        if (held === undefined) {
          byKey.set(key, series)
        } else {
          held.timestamps.push(...series.timestamps)
          held.values.push(...series.values)
        }
      }
    })
    return [...byKey.values()]
  }

  /** Posts [start, end] in chunks of at most MAX_POINTS_PER_REQUEST steps, in time order. */
  private async eachChunk (query: string, startMs: number, endMs: number, stepSeconds: number, signal: AbortSignal | undefined, onBody: (body: MatrixBody) => void): Promise<void> {
    const stepMs = stepSeconds * 1000
    const first = Math.ceil(startMs / stepMs) * stepMs
    for (let chunkStart = first; chunkStart <= endMs; chunkStart += MAX_POINTS_PER_REQUEST * stepMs) {
      const chunkEnd = Math.min(endMs, chunkStart + (MAX_POINTS_PER_REQUEST - 1) * stepMs)
      onBody(await this.withRetries(() => this.post(query, chunkStart, chunkEnd, stepSeconds, signal), signal))
    }
  }

  async close (): Promise<void> {
    await this.dispatcher?.close()
  }

  private async withRetries (call: () => Promise<MatrixBody>, signal?: AbortSignal): Promise<MatrixBody> {
    const base = this.options.backoffMs ?? 200
    for (let attempt = 0; ; attempt++) {
      try {
        return await call()
      } catch (err) {
        const retriable = err instanceof SourceError && (err.reason === 'network' || err.reason === 'timeout' || (err.reason === 'http' && isRetriableStatus(err.message)))
        if (!retriable || attempt >= this.options.retries || signal?.aborted === true) throw err
        await sleep(Math.random() * base * 2 ** attempt, undefined, { signal })
      }
    }
  }

  private async post (query: string, startMs: number, endMs: number, stepSeconds: number, signal?: AbortSignal): Promise<MatrixBody> {
    const form = new URLSearchParams({ query, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepSeconds) })
    const timeout = AbortSignal.timeout(this.options.timeoutMs)
    let response: Dispatcher.ResponseData
    try {
      response = await request(this.endpoint, {
        method: 'POST',
        headers: this.headers,
        body: form.toString(),
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
        ...(this.dispatcher === undefined ? {} : { dispatcher: this.dispatcher })
      })
    } catch (err) {
      if (timeout.aborted) throw new SourceError('timeout', `prometheus: no answer within ${this.options.timeoutMs} ms`, { cause: err })
      if (isCertificateError(err)) throw new SourceError('tls', `prometheus: TLS certificate not trusted (${err.message}); set PROM_CA_FILE to the CA that signed it`, { cause: err })
      throw new SourceError('network', `prometheus: request failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
    }
    const text = await response.body.text()
    let body: MatrixBody
    try {
      body = JSON.parse(text) as MatrixBody
    } catch (err) {
      throw new SourceError(response.statusCode >= 400 ? 'http' : 'decode', `prometheus: http ${response.statusCode}: ${text.slice(0, 200)}`, { cause: err })
    }
    // Prometheus answers 400/422 with a JSON error for a bad query: not worth retrying.
    if (response.statusCode === 400 || response.statusCode === 422) throw new SourceError('query', `prometheus: ${body.error ?? text.slice(0, 200)}`)
    if (response.statusCode >= 300) throw new SourceError('http', `prometheus: http ${response.statusCode}: ${body.error ?? text.slice(0, 200)}`)
    if (body.status !== 'success') throw new SourceError('query', `prometheus: ${body.error ?? 'query failed'}`)
    return body
  }
}

/** Node's codes for a server certificate that does not verify (unknown CA, self-signed, wrong name, expired). */
const certificateErrors = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID'])

function isCertificateError (err: unknown): err is Error {
  return err instanceof Error && certificateErrors.has((err as NodeJS.ErrnoException).code ?? '')
}

function isRetriableStatus (message: string): boolean {
  const status = Number(/http (\d{3})/.exec(message)?.[1])
  return status === 429 || status >= 500
}

function matrixOf (body: MatrixBody): NonNullable<NonNullable<MatrixBody['data']>['result']> {
  const result = body.data?.result
  if (body.data?.resultType !== 'matrix' || !Array.isArray(result)) throw new SourceError('decode', 'prometheus: expected a matrix result')
  return result
}

/**
 * Turns a matrix into one series. NaN and ±Inf samples are dropped (they become gaps that series
 * preparation fills or refuses); with `sum`, a timestamp where any series is non-finite is a gap.
 */
export function toSamples (body: MatrixBody, mode: SeriesMode, query: string): Samples {
  const result = matrixOf(body)
  if (mode === 'single' && result.length > 1) throw new SourceError('query', `prometheus: query returned ${result.length} series, expected one (seriesMode single): ${query}`)
  const sums = new Map<number, number>()
  for (const series of result) {
    for (const [seconds, text] of series.values ?? []) {
      const t = Math.round(seconds * 1000)
      const value = Number(text)
      sums.set(t, Number.isFinite(value) ? (sums.get(t) ?? 0) + value : Number.NaN)
    }
  }
  const timestamps: number[] = []
  const values: number[] = []
  for (const t of [...sums.keys()].sort((a, b) => a - b)) {
    const v = sums.get(t) as number
    if (!Number.isFinite(v)) continue
    timestamps.push(t)
    values.push(v)
  }
  return { timestamps, values }
}

/** Every series of a matrix with its labels, in time order; NaN and ±Inf samples become gaps. */
export function toLabeledSamples (body: MatrixBody): LabeledSamples[] {
  return matrixOf(body).map((series) => {
    const timestamps: number[] = []
    const values: number[] = []
    const points = [...(series.values ?? [])].sort((a, b) => a[0] - b[0])
    for (const [seconds, text] of points) {
      const value = Number(text)
      if (!Number.isFinite(value)) continue
      timestamps.push(Math.round(seconds * 1000))
      values.push(value)
    }
    return { labels: { ...series.metric }, timestamps, values }
  })
}
