import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { AccuracyAccumulator, originsOf, type AccuracySummary, type Series } from '@platform/forecasting'
import type { SeriesProtocol } from './protocol.js'

/** Debian's interpreter: the first python3 on PATH may be one without Debian's packages. */
const PYTHON = '/usr/bin/python3'
const SCRIPT = resolve(import.meta.dirname, 'statsmodels-peer.py')
/** Re-optimise the peer's parameters once per 24 origins (a day of hourly origins). */
const REOPTIMISE_EVERY = 24

export interface PeerResult {
  readonly accuracy: AccuracySummary
  readonly spec: string
  readonly seconds: number
}

/** The statsmodels version, or why the peer cannot run here. */
export function statsmodelsStatus (): { available: true, version: string } | { available: false, reason: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import statsmodels; print(statsmodels.__version__)'], { encoding: 'utf8' })
  if (probe.status === 0) return { available: true, version: probe.stdout.trim() }
  const reason = probe.error?.message ?? probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`
  return { available: false, reason: `${PYTHON} cannot import statsmodels (${reason}); install python3-statsmodels (apt)` }
}

/** Runs the statsmodels Holt-Winters peer over the same origins and scores it like our models. */
export function runStatsmodelsPeer (series: Series, protocol: SeriesProtocol): PeerResult {
  const origins = originsOf(series.values.length, protocol.walk)
  const job = {
    values: Array.from(series.values),
    period: protocol.daySteps,
    origins,
    horizon: protocol.walk.horizonSteps,
    maxHistory: protocol.walk.maxHistorySteps,
    reoptimiseEvery: REOPTIMISE_EVERY
  }
  const started = performance.now()
  const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (run.status !== 0) throw new Error(`statsmodels peer failed: ${run.error?.message ?? run.stderr}`)
  const output = JSON.parse(run.stdout) as { forecasts: number[][], spec: string }
  // Holt-Winters in statsmodels gives point forecasts only: MASE and sMAPE, no quantiles.
  const accuracy = new AccuracyAccumulator(protocol.walk.scale, [])
  origins.forEach((origin, i) => {
    const mean = Float64Array.from(output.forecasts[i] ?? [])
    accuracy.add(series.values.subarray(origin, origin + protocol.walk.horizonSteps), { mean, quantiles: {} })
  })
  return { accuracy: accuracy.summary(), spec: output.spec, seconds: (performance.now() - started) / 1000 }
}
