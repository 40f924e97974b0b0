import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { prepareSeries } from '@platform/forecasting'
import { FORECASTING_DOC, writeDocSection } from './docs-section.js'
import { realSeriesProtocol } from './protocol.js'
import { loadRealSeries } from './real-series-data.js'
import { REPLAY_MODEL, runSeries } from './run-series.js'
import { policySweep } from './policy-sweep.js'
import { runStatsmodelsPeer, statsmodelsStatus } from './statsmodels-peer.js'
import { benchTables, markdownTable, textTable, type SeriesOutcome } from './tables.js'

// `--series a,b` runs a subset for a quick look and leaves docs/forecasting.md alone.
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
  outcomes.push({ name, points: series.values.length, stepSeconds: series.stepSeconds, targetPerPod: protocol.replay.policy.targetPerPod, models, sweep, peer: peerResult })
}

const tables = benchTables(outcomes)
log(`\n${tables.map(textTable).join('\n\n')}`)

if (only === undefined) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const header = [
    `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm --filter @platform/bench-forecast-accuracy bench\` ` +
      `on ${cpus().length} cores (${cpu}), Node ${process.version}. ` +
      (peer.available ? `Peer: statsmodels ${peer.version}.` : `Peer: unavailable (${peer.reason}).`)
  ]
  writeDocSection(FORECASTING_DOC, 'real-series', [...header, ...tables.map(markdownTable)].join('\n\n'))
  log(`\nwrote ${FORECASTING_DOC}`)
}
