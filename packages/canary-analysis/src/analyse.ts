import { profiles, type Profile, type ProfileName } from './profiles.js'
import { instantQuery, scalarOf } from './prometheus-query.js'
import { type Bucket, scoreShift } from './score-shift.js'
import { decide, defaultThresholds, type SideMeasurement, type Thresholds, type Verdict } from './verdict.js'

export interface AnalysisOptions {
  prometheusUrl: string
  profile: ProfileName
  /** PromQL label matchers that select each side, e.g. `service="ml-router",version="0.2.0"`. */
  canary: string
  stable: string
  /** PromQL range, e.g. `10m`. */
  window: string
  /** Evaluation time in seconds since the epoch (default: now). */
  time?: number
  thresholds?: Partial<Thresholds>
}

export interface Analysis extends Verdict {
  canary: SideMeasurement
  stable: SideMeasurement
  scorePsi?: number
}

const matchers = /^\s*[a-zA-Z_]\w*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"\s*(,\s*[a-zA-Z_]\w*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"\s*)*$/
const range = /^\d+(ms|s|m|h|d)$/

async function measure (o: AnalysisOptions, side: string, time: number): Promise<SideMeasurement> {
  const p: Profile = profiles[o.profile]
  const selector = p.traffic === undefined ? side : `${side},${p.traffic}`
  const q = (query: string) => instantQuery(o.prometheusUrl, query, time)
  const [requests, errors, p95] = await Promise.all([
    q(`sum(increase(${p.requests}{${selector}}[${o.window}]))`),
    q(`sum(increase(${p.requests}{${selector},${p.errorMatcher}}[${o.window}]))`),
    q(`histogram_quantile(0.95, sum by (le) (increase(${p.duration}_bucket{${selector}}[${o.window}])))`)
  ])
  const total = scalarOf(requests, 0)
  return { requests: total, errorRate: total > 0 ? scalarOf(errors, 0) / total : 0, p95Seconds: scalarOf(p95, Number.NaN) }
}

async function scoreBuckets (o: AnalysisOptions, metric: string, selector: string, time: number): Promise<Bucket[]> {
  const samples = await instantQuery(o.prometheusUrl, `sum by (le) (increase(${metric}_bucket{${selector}}[${o.window}]))`, time)
  return samples.map((s) => ({ le: s.metric.le === '+Inf' ? Infinity : Number(s.metric.le), count: Number(s.value[1]) }))
}

/** Measures both sides over the window and decides promote, roll back or inconclusive. */
export async function analyse (o: AnalysisOptions): Promise<Analysis> {
  for (const [side, selector] of [['canary', o.canary], ['stable', o.stable]] as const) {
    if (!matchers.test(selector)) throw new Error(`${side}: "${selector}" is not a list of PromQL label matchers (name="value", ...)`)
  }
  if (!range.test(o.window)) throw new Error(`window: "${o.window}" is not a PromQL range such as 10m`)
  const time = o.time ?? Date.now() / 1000
  const [canary, stable] = await Promise.all([measure(o, o.canary, time), measure(o, o.stable, time)])
  const scores = (profiles[o.profile] as Profile).scores
  const shift = scores === undefined
    ? undefined
    : scoreShift(await scoreBuckets(o, scores, o.canary, time), await scoreBuckets(o, scores, o.stable, time))
  const verdict = decide(canary, stable, shift, { ...defaultThresholds, ...o.thresholds })
  return { ...verdict, canary, stable, ...(shift === undefined ? {} : { scorePsi: shift.psi }) }
}
