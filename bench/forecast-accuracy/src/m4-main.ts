import { formatTable } from '@platform/forecasting'
import { loadM4Hourly } from './m4-data.js'
import { M4_REFERENCES, runM4Hourly } from './m4-hourly.js'
import type { M4Result } from './m4-hourly.js'
import { measureModelSpeed } from './model-speed.js'

/**
 * M4 hourly benchmark: `tsx --conditions @platform/source src/m4-main.ts [model ...] [--json]`
 * (default model `auto`). Prints sMAPE, MASE, interval coverage and run time beside the
 * published references, then the model speed figures (model-speed.ts).
 */
const args = process.argv.slice(2)
const json = args.includes('--json')
const models = args.filter((a) => !a.startsWith('--'))
const data = loadM4Hourly()
const results: M4Result[] = []
for (const model of models.length > 0 ? models : ['auto']) {
  results.push(runM4Hourly(data, model, (done) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${model}: ${done}/${data.length}`)
  }))
  if (process.stderr.isTTY) process.stderr.write('\n')
}
const speed = measureModelSpeed()
if (json) {
  console.log(JSON.stringify({ m4Hourly: results, speed }, null, 2))
} else {
  const rows: (string | number)[][] = results.map((r) => [
    r.model, r.smape.toFixed(3), r.mase.toFixed(3), `${r.beatsSnaive}/${r.series}`,
    ...Object.values(r.coverage).map((c) => (100 * c).toFixed(1)), r.seconds.toFixed(1), r.cpuSeconds.toFixed(1)
  ])
  for (const ref of M4_REFERENCES) rows.push([ref.name, Number.isNaN(ref.smape) ? '-' : ref.smape.toFixed(3), ref.mase.toFixed(3), '', '', '', '', '', ''])
  console.log(`M4 hourly: ${data.length} series, horizon 48, MASE season 24`)
  console.log(formatTable(['model', 'sMAPE', 'MASE', 'MASE < sNaive', 'cov50 %', 'cov80 %', 'cov90 %', 'seconds', 'CPU s'], rows))
  for (const r of results) {
    const top = Object.entries(r.chosen).sort((a, b) => b[1] - a[1]).slice(0, 8)
    console.log(`${r.model} chose: ${top.map(([k, v]) => `${k} x${v}`).join('; ')}`)
  }
  console.log(`auto fit on 10,080 points (7 days at 1 min): median ${speed.fitMs.median.toFixed(0)} ms, max ${speed.fitMs.max.toFixed(0)} ms over ${speed.fitMs.runs} windows (goal <= 300 ms median)`)
  console.log(`forecast 30 steps with 3 quantiles: ${speed.forecastMs.toFixed(3)} ms (goal <= 2 ms); chose ${speed.chosen}`)
}
