import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { Command, InvalidArgumentError } from 'commander'
import { SingleBar, Presets } from 'cli-progress'
import { defaultProviderCatalog, Simulation } from '@platform/router-core'

const positiveInt = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer')
  return n
}

const program = new Command('simulate')
  .description('Write simulated ExecutionRecords (JSON lines) from the documented provider world')
  .option('--requests <n>', 'requests to simulate', positiveInt, 50_000)
  .option('--days <n>', 'days the requests span', positiveInt, 14)
  .option('--seed <n>', 'random seed (same seed, same file)', positiveInt, 1)
  .option('--out <file>', 'write here instead of stdout')
  .parse()

const options = program.opts<{ requests: number, days: number, seed: number, out?: string }>()
const out = options.out === undefined ? process.stdout : createWriteStream(options.out)
// A reader that has seen enough (`simulate | head`) closes the pipe: stop quietly. Any other write error is reported.
out.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') process.stderr.write(`simulate: ${err.message}\n`)
  process.exit(err.code === 'EPIPE' ? 0 : 1)
})
const bar = new SingleBar({ stream: process.stderr, format: 'simulate [{bar}] {value}/{total} records' }, Presets.shades_classic)
const showProgress = process.stderr.isTTY
if (showProgress) bar.start(options.requests, 0)
const simulation = new Simulation(defaultProviderCatalog, options)
let written = 0
for (const record of simulation.records()) {
  if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain')
  if (showProgress && ++written % 1000 === 0) bar.update(written)
}
if (showProgress) bar.stop()
if (out !== process.stdout) out.end()
