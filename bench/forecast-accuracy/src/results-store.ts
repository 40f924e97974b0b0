import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { REPLAY_MODEL } from './run-series.js'
import type { SeriesOutcome } from './tables.js'

/**
 * One JSON file per series under `results/` (git-ignored), so series can be run separately (in
 * parallel, or again after a change) and the report composed once all of them are there.
 */
const RESULTS = resolve(import.meta.dirname, '../results')

export interface Run {
  readonly measuredAt: string
  /** The commit the run started from (the work tree may have had changes on top). */
  readonly commit: string
}

export interface StoredOutcome extends SeriesOutcome, Run {
  /** Set when `REPLAY_MODEL`, the replay and the policy sweep were re-measured by `--replay-only` after the full run. */
  readonly replayRun?: Run
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

const file = (name: string): string => resolve(RESULTS, `${name}.json`)

function thisRun (): Run {
  return { measuredAt: new Date().toISOString(), commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim() }
}

export function saveOutcome (outcome: SeriesOutcome): void {
  mkdirSync(RESULTS, { recursive: true })
  const stored: StoredOutcome = { ...slim(outcome), ...thisRun() }
  writeFileSync(file(outcome.name), JSON.stringify(stored))
}

/**
 * Stores a `--replay-only` run: its `REPLAY_MODEL` result and policy sweep replace those of the
 * series' stored full run, whose other models and peer are kept. Returns false, storing nothing,
 * when there is no stored full run (a fresh clone): the run's figures are then only printed.
 */
export function saveReplayOutcome (outcome: SeriesOutcome): boolean {
  if (!existsSync(file(outcome.name))) return false
  const stored = JSON.parse(readFileSync(file(outcome.name), 'utf8')) as StoredOutcome
  const fresh = slim(outcome).models.find((m) => m.model === REPLAY_MODEL)
  if (fresh === undefined) throw new Error(`${outcome.name}: the run has no ${REPLAY_MODEL} result`)
  const updated: StoredOutcome = {
    ...stored,
    targetPerPod: outcome.targetPerPod,
    models: stored.models.map((m) => (m.model === REPLAY_MODEL ? fresh : m)),
    sweep: outcome.sweep,
    replayRun: thisRun()
  }
  writeFileSync(file(outcome.name), JSON.stringify(updated))
  return true
}

/** The stored outcomes among `names`, in that order, and the names not run yet. */
export function loadOutcomes (names: readonly string[]): { stored: StoredOutcome[], missing: string[] } {
  return {
    stored: names.filter((name) => existsSync(file(name))).map((name) => JSON.parse(readFileSync(file(name), 'utf8')) as StoredOutcome),
    missing: names.filter((name) => !existsSync(file(name)))
  }
}
