import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { prepareSeries } from '@platform/forecasting'
import { FORECASTING_DOC, writeDocSection } from './docs-section.js'
import { policySweep } from './policy-sweep.js'
import { realSeriesProtocol } from './protocol.js'
import { loadRealSeries, REAL_SERIES } from './real-series-data.js'
import { loadOutcomes, saveOutcome } from './results-store.js'
import { REPLAY_MODEL, runSeries } from './run-series.js'
import { runStatsmodelsPeer, statsmodelsStatus } from './statsmodels-peer.js'
import { benchTables, markdownTable, textTable, type SeriesOutcome } from './tables.js'

// `--series a,b` runs a subset (e.g. in parallel processes); every run stores its series'
// results, and once all eight are stored the report is printed and written to the doc.
const { values: args } = parseArgs({ options: { series: { type: 'string' } } })
const only = args.series?.split(',')
const log = (line: string): void => { console.log(line) }

const peer = statsmodelsStatus()
log(peer.available
  ? `peer: statsmodels ${peer.version} Holt-Winters on the same origins`
  : `peer: statsmodels Holt-Winters UNAVAILABLE - ${peer.reason}`)

const outcomes: SeriesOutcome[] = []
for (const { name, samples } of loadRealSeries().filter((s) => only === undefined || only.includes(s.name))) {
  const { series } = prepareSeries(samples)
  const protocol = realSeriesProtocol(series)
  log(`\n${name}: ${series.values.length} points every ${series.stepSeconds} s`)
  const { models, replayForecasts } = runSeries(series, protocol, log)
  const firstStep = models.find((m) => m.model === REPLAY_MODEL)?.replay?.firstStep ?? protocol.walk.firstOrigin
  const sweep = policySweep(series, protocol, firstStep, replayForecasts)
  const peerResult = peer.available ? runStatsmodelsPeer(series, protocol) : peer.reason
  if (typeof peerResult !== 'string') log(`  ${'statsmodels HW'.padEnd(20)} MASE ${peerResult.accuracy.mase.toFixed(3)}  ${peerResult.seconds.toFixed(1)} s  (${peerResult.spec})`)
  const outcome = { name, points: series.values.length, stepSeconds: series.stepSeconds, targetPerPod: protocol.replay.policy.targetPerPod, models, sweep, peer: peerResult }
  saveOutcome(outcome)
  outcomes.push(outcome)
}
log(`\n${benchTables(outcomes).map(textTable).join('\n\n')}`)

const all = loadOutcomes(REAL_SERIES.map((s) => s.name))
if (all === undefined) {
  log('\nnot every series has stored results yet: docs/forecasting.md left as it is')
} else {
  const runs = [...new Set(all.map((o) => `${o.measuredAt.slice(0, 10)} at commit ${o.commit}`))].join(', ')
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const header = `Measured ${runs} by \`pnpm --filter @platform/bench-forecast-accuracy bench\` on ${cpus().length} cores ` +
    `(${cpu}, shared with other work, so wall times are indicative), Node ${process.version}. ` +
    (all.every((o) => typeof o.peer !== 'string') ? `Peer: statsmodels ${peer.available ? peer.version : ''}.` : 'Peer: unavailable on some series (statsmodels missing).')
  writeDocSection(FORECASTING_DOC, 'real-series', [header, ...benchTables(all).map(markdownTable)].join('\n\n'))
  log(`\nwrote ${FORECASTING_DOC}`)
}
