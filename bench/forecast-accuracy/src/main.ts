import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { prepareSeries } from '@platform/forecasting'
import { FORECASTING_DOC, writeDocSection } from './docs-section.js'
import { policySweep } from './policy-sweep.js'
import { realSeriesProtocol } from './protocol.js'
import { loadRealSeries, REAL_SERIES } from './real-series-data.js'
import { loadOutcomes, saveOutcome, saveReplayOutcome, type Run } from './results-store.js'
import { REPLAY_MODEL, runSeries } from './run-series.js'
import { runStatsmodelsPeer, statsmodelsStatus } from './statsmodels-peer.js'
import { benchTables, markdownTable, replayTables, textTable, type SeriesOutcome } from './tables.js'

// `--series a,b` runs a subset (e.g. in parallel processes); every run stores its series'
// results and rewrites the doc's measured section from all stored results. `--report` runs
// nothing and only rewrites the doc, e.g. after parallel runs. `--replay-only` runs only
// `auto` (accuracy, coverage, replay and policy sweep, minutes instead of hours) and updates
// those figures in the stored full runs.
const { values: args } = parseArgs({ options: { series: { type: 'string' }, report: { type: 'boolean' }, 'replay-only': { type: 'boolean' } } })
const only = args.report === true ? [] : args.series?.split(',')
const replayOnly = args['replay-only'] === true
const log = (line: string): void => { console.log(line) }

const peer = replayOnly ? { available: false as const, reason: 'not run (--replay-only)' } : statsmodelsStatus()
log(peer.available
  ? `peer: statsmodels ${peer.version} Holt-Winters on the same origins`
  : `peer: statsmodels Holt-Winters UNAVAILABLE - ${peer.reason}`)

const outcomes: SeriesOutcome[] = []
for (const { name, samples } of loadRealSeries().filter((s) => only === undefined || only.includes(s.name))) {
  const { series } = prepareSeries(samples)
  const protocol = realSeriesProtocol(series)
  log(`\n${name}: ${series.values.length} points every ${series.stepSeconds} s`)
  const { models, replayForecasts } = runSeries(series, protocol, log, replayOnly)
  const replay = models.find((m) => m.model === REPLAY_MODEL)?.replay
  const sweep = policySweep(series, protocol, replay?.firstStep ?? protocol.walk.firstOrigin, replayForecasts)
  const peerResult = peer.available ? runStatsmodelsPeer(series, protocol) : peer.reason
  if (typeof peerResult !== 'string') log(`  ${'statsmodels HW'.padEnd(20)} MASE ${peerResult.accuracy.mase.toFixed(3)}  ${peerResult.seconds.toFixed(1)} s  (${peerResult.spec})`)
  if (replay !== undefined) log(`  replay: under ${replay.planner.under.toFixed(0)} vs HPA ${replay.hpa.under.toFixed(0)}, total ${(100 * replay.planner.total / replay.hpa.total).toFixed(1)}% of the HPA's`)
  const outcome = { name, points: series.values.length, stepSeconds: series.stepSeconds, targetPerPod: protocol.replay.policy.targetPerPod, models, sweep, peer: peerResult }
  if (replayOnly) {
    if (!saveReplayOutcome(outcome)) log(`  ${name}: no stored full run to update, so these figures are printed only`)
  } else {
    saveOutcome(outcome)
  }
  outcomes.push(outcome)
}
if (outcomes.length > 0) log(`\n${(replayOnly ? replayTables(outcomes) : benchTables(outcomes)).map(textTable).join('\n\n')}`)

// The doc always shows every stored series; series not run yet are named, never left out silently.
const { stored, missing } = loadOutcomes(REAL_SERIES.map((s) => s.name))
const runsOf = (list: ReadonlyArray<Run | undefined>): string =>
  [...new Set(list.filter((r) => r !== undefined).map((r) => `${r.measuredAt.slice(0, 10)} at commit ${r.commit}`))].join(', ')
const replayRuns = runsOf(stored.map((o) => o.replayRun))
const cpu = cpus()[0]?.model ?? 'unknown CPU'
const header = [
  `Measured ${runsOf(stored)} by \`pnpm --filter @platform/bench-forecast-accuracy bench\` on ${cpus().length} cores ` +
    `(${cpu}, shared with other work, so wall times are indicative), Node ${process.version}. ` +
    (stored.every((o) => typeof o.peer !== 'string') ? 'Peer: statsmodels.' : 'Peer: unavailable on some series (statsmodels missing).') +
    (replayRuns === ''
      ? ''
      : ` The \`${REPLAY_MODEL}\` column, its coverage, the replay and the policy sensitivity of ` +
      `${stored.filter((o) => o.replayRun !== undefined).map((o) => o.name).join(', ')} were re-measured ${replayRuns} by \`bench --replay-only\`.`),
  ...(missing.length > 0 ? [`**Partial: ${missing.join(', ')} not measured yet** (means and goal verdicts below cover the ${stored.length} measured series only).`] : [])
]
if (stored.length > 0) {
  writeDocSection(FORECASTING_DOC, 'real-series', [...header, ...benchTables(stored).map(markdownTable)].join('\n\n'))
  log(`\nwrote ${FORECASTING_DOC}${missing.length > 0 ? ` (partial: ${missing.join(', ')} missing)` : ''}`)
} else {
  log(`\nno stored full run: ${FORECASTING_DOC} left as it is`)
}
