import { request } from 'undici'
import { type ByomRequest, ByomResponse } from '@platform/contracts'
import type { Forecast, Series } from '@platform/forecasting'
import { ReasonError } from '../reason-error.js'

/** Why a BYOM call failed, as a bounded metric label. */
export type ByomFailure = 'timeout' | 'network' | 'http' | 'decode' | 'length' | 'circuit-open'

export class ByomError extends ReasonError<ByomFailure> {
  override readonly name = 'ByomError'
}

export interface ByomClientOptions {
  url: string
  timeoutMs: number
  /** The workload's `quantileLevel`: an answer without it cannot be planned from, so it is refused. */
  planningLevel?: number | undefined
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z')

/**
 * The seed's bring-your-own-model contract: POST the history, get `horizon / step` values back
 * (and optional quantiles keyed by level). The configured timeout bounds the whole exchange,
 * body included. Negative predictions are clamped to 0; anything else malformed is an error.
 */
export class ByomClient {
  constructor (private readonly options: ByomClientOptions) {}

  async predict (series: Series, horizonSteps: number, nowMs: number): Promise<Forecast> {
    const stepMs = series.stepSeconds * 1000
    const body: ByomRequest = {
      now: iso(nowMs),
      horizonSeconds: horizonSteps * series.stepSeconds,
      stepSeconds: series.stepSeconds,
      features: Array.from(series.values, (value, i) => ({ ts: iso(series.start + i * stepMs), value }))
    }
    const signal = AbortSignal.timeout(this.options.timeoutMs)
    let status: number
    let text: string
    try {
      const response = await request(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal
      })
      status = response.statusCode
      text = await response.body.text()
    } catch (err) {
      const reason = signal.aborted ? 'timeout' : 'network'
      const detail = signal.aborted ? `timeout after ${this.options.timeoutMs} ms` : (err instanceof Error ? err.message : String(err))
      throw new ByomError(reason, `byom: http request failed: ${detail}`, { cause: err })
    }
    if (status < 200 || status >= 300) throw new ByomError('http', `byom: http ${status}: ${text.slice(0, 500)}`)
    return toForecast(text, horizonSteps, this.options.planningLevel)
  }
}

function toForecast (text: string, expected: number, planningLevel: number | undefined): Forecast {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new ByomError('decode', `byom: decode response: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  const parsed = ByomResponse.safeParse(json)
  if (!parsed.success) throw new ByomError('decode', `byom: decode response: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`)
  const { values, quantiles = {} } = parsed.data
  if (values.length !== expected) throw new ByomError('length', `byom: expected ${expected} predictions, got ${values.length}`)
  const clamp = (series: number[], name: string): Float64Array => {
    if (series.length !== expected) throw new ByomError('length', `byom: expected ${expected} predictions, got ${series.length} (quantile ${name})`)
    if (!series.every(Number.isFinite)) throw new ByomError('decode', `byom: decode response: ${name} holds a non-finite value`)
    return Float64Array.from(series, (v) => Math.max(0, v))
  }
  const byLevel: Record<string, Float64Array> = {}
  for (const [key, series] of Object.entries(quantiles)) {
    const level = Number(key)
    if (!(level > 0 && level < 1)) throw new ByomError('decode', `byom: decode response: quantile key "${key}" is not a level in (0, 1)`)
    // "0.90" and "0.9" name the same level; the planner looks levels up as String(level).
    byLevel[String(level)] = clamp(series, key)
  }
  if (planningLevel !== undefined && byLevel[String(planningLevel)] === undefined) {
    throw new ByomError('decode', `byom: decode response: no quantile ${planningLevel}, the workload's quantileLevel`)
  }
  return { mean: clamp(values, 'values'), quantiles: byLevel }
}
