import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { SeriesOutcome } from './tables.js'

/**
 * One JSON file per series under `results/` (git-ignored), so series can be run separately (in
 * parallel, or again after a change) and the report composed once all of them are there.
 */
const RESULTS = resolve(import.meta.dirname, '../results')

export interface StoredOutcome extends SeriesOutcome {
  readonly measuredAt: string
  /** The commit the run started from (the work tree may have had changes on top). */
  readonly commit: string
}

/** Drops the per-step arrays (replicas and forecasts per step), which only the charts need. */
function slim (outcome: SeriesOutcome): SeriesOutcome {
  return {
    ...outcome,
    models: outcome.models.map((m) => (m.replay === undefined
      ? m
      : { ...m, replay: { ...m.replay, needed: [], planner: { ...m.replay.planner, requested: [] }, hpa: { ...m.replay.hpa, requested: [] }, forecast: { mean: [], quantiles: {} } } }))
  }
}

export function saveOutcome (outcome: SeriesOutcome): void {
  mkdirSync(RESULTS, { recursive: true })
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
  const stored: StoredOutcome = { ...slim(outcome), measuredAt: new Date().toISOString(), commit }
  writeFileSync(resolve(RESULTS, `${outcome.name}.json`), JSON.stringify(stored))
}

/** The stored outcomes among `names`, in that order, and the names not run yet. */
export function loadOutcomes (names: readonly string[]): { stored: StoredOutcome[], missing: string[] } {
  const file = (name: string): string => resolve(RESULTS, `${name}.json`)
  return {
    stored: names.filter((name) => existsSync(file(name))).map((name) => JSON.parse(readFileSync(file(name), 'utf8')) as StoredOutcome),
    missing: names.filter((name) => !existsSync(file(name)))
  }
}
