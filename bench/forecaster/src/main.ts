// Forecaster benchmarks (figures go to docs/forecaster.md):
//   1. gRPC GetMetrics p50/p99 at 1,000 req/s and max throughput, beside an empty gRPC handler.
//   2. One replica with 1,000 workloads at a 30 s interval: CPU per tick and deadlines met.
//   3. GetMetrics latency while heavy fits run: fits in a worker thread beside fits on the event loop.
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '@platform/test-harness'
import { startForecaster, waitForAllForecasts } from './forecaster-process.js'
import { fixedRate, type LoadResult, maxThroughput } from './grpc-load.js'
import { repoRoot, runTs, scrape, scrapeAll, stop } from './processes.js'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const fmt = (r: LoadResult): string => `${Math.round(r.requests / r.seconds)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, errors ${r.errors}`

async function grpcBench (): Promise<void> {
  const forecaster = await startForecaster(10, '30s', '1d')
  const emptyPort = await freePort()
  const empty = runTs(join(repoRoot, 'bench/forecaster'), 'src/empty-scaler.ts', {}, [String(emptyPort)])
  try {
    await waitForAllForecasts(forecaster, 120_000)
    const targets = [
      ['forecaster GetMetrics', `127.0.0.1:${forecaster.grpcPort}`],
      ['empty gRPC handler', `127.0.0.1:${emptyPort}`]
    ] as const
    const rows: string[] = []
    const max: Record<string, number> = {}
    for (const [name, address] of targets) {
      await maxThroughput(address, forecaster.names, 16, 2) // warm-up
      const rate = await fixedRate(address, forecaster.names, 1000, seconds)
      const peak = await maxThroughput(address, forecaster.names, 32, seconds)
      max[name] = peak.requests / peak.seconds
      rows.push(`| ${name} | ${rate.p50Ms.toFixed(2)} | ${rate.p99Ms.toFixed(2)} | ${rate.errors} | ${Math.round(max[name])} | ${peak.p50Ms.toFixed(2)} | ${peak.p99Ms.toFixed(2)} |`)
      process.stderr.write(`${name}: at 1000/s ${fmt(rate)}; max ${fmt(peak)}\n`)
    }
    const ratio = (max['forecaster GetMetrics'] ?? 0) / (max['empty gRPC handler'] ?? 1)
    console.log('\n### gRPC GetMetrics (same run, same client)\n')
    console.log('| server | p50 ms @1000/s | p99 ms @1000/s | errors | max req/s (32 in flight) | p50 ms @max | p99 ms @max |')
    console.log('|---|---|---|---|---|---|---|')
    for (const row of rows) console.log(row)
    console.log(`\nforecaster / empty max throughput: ${(ratio * 100).toFixed(0)}% (goal >= 50%: ${ratio >= 0.5 ? 'met' : 'missed'})`)
  } finally {
    await stop(empty)
    await stop(forecaster.child)
  }
}

async function tickBench (): Promise<void> {
  const count = Number(process.env.BENCH_WORKLOADS ?? 1000)
  const interval = 30
  const rounds = Number(process.env.BENCH_ROUNDS ?? 4)
  const f = await startForecaster(count, `${interval}s`, '1d')
  try {
    const warmup = await waitForAllForecasts(f, 15 * 60_000)
    await sleep(interval * 1000) // let the start-up round of full fits drain
    const t0 = Date.now()
    const cpu0 = await scrape(f.port, 'process_cpu_seconds_total')
    const ticks0 = await scrape(f.port, 'forecaster_tick_duration_seconds_count')
    const misses0 = await scrape(f.port, 'forecaster_deadline_misses_total')
    const errors0 = await scrape(f.port, 'forecaster_errors_total')
    let worstAge = 0
    let lateSamples = 0
    const until = Date.now() + rounds * interval * 1000
    while (Date.now() < until) {
      await sleep(5_000)
      const ages = await scrapeAll(f.port, 'forecaster_forecast_age_seconds')
      worstAge = Math.max(worstAge, ...ages)
      lateSamples += ages.filter((a) => a > interval * 1.1 + 5).length
    }
    const cpu = (await scrape(f.port, 'process_cpu_seconds_total')) - cpu0
    const ticks = (await scrape(f.port, 'forecaster_tick_duration_seconds_count')) - ticks0
    const misses = (await scrape(f.port, 'forecaster_deadline_misses_total')) - misses0
    const errors = (await scrape(f.port, 'forecaster_errors_total')) - errors0
    const elapsed = (Date.now() - t0) / 1000
    const tickRounds = ticks / count
    console.log(`\n### ${count} workloads, ${interval} s interval, file source, baseline model, 1-day window (one replica)\n`)
    console.log('| measure | value |')
    console.log('|---|---|')
    console.log(`| process start until every workload has a forecast (first full fits) | ${warmup.toFixed(1)} s |`)
    console.log(`| measured window | ${elapsed.toFixed(0)} s, ${ticks} workload ticks (${tickRounds.toFixed(2)} per workload, ${(tickRounds / (elapsed / interval)).toFixed(2)} per interval) |`)
    console.log(`| CPU per tick of all ${count} workloads | ${(cpu / tickRounds).toFixed(2)} s (${((cpu / elapsed) * 100).toFixed(0)}% of one core) |`)
    console.log(`| CPU per workload tick | ${((cpu / ticks) * 1000).toFixed(2)} ms |`)
    console.log(`| stage deadline misses / errors | ${misses} / ${errors} |`)
    console.log(`| worst forecast age seen (5 s samples) | ${worstAge.toFixed(1)} s |`)
    console.log(`| workload samples older than 1.1 x interval + 5 s | ${lateSamples} |`)
    console.log(`\nevery workload met its deadline: ${misses === 0 && lateSamples === 0 && tickRounds >= rounds * 0.9 ? 'yes' : 'no'}`)
  } finally {
    await stop(f.child)
  }
}

/** GetMetrics at a modest fixed rate while four workloads refit seasonal ARIMA on a week at every 2 s tick. */
async function fitBench (): Promise<void> {
  const rows: string[] = []
  for (const fitWorkers of ['1', '0']) {
    // refitEvery under the interval: every tick is a full fit, never the cheap update().
    const f = await startForecaster(4, '2s', '7d', { fields: 'model: arima, refitEvery: 1s', env: { FIT_WORKERS: fitWorkers } })
    try {
      await waitForAllForecasts(f, 120_000)
      const [count0, sum0] = [await scrape(f.port, 'forecaster_fit_duration_seconds_count'), await scrape(f.port, 'forecaster_fit_duration_seconds_sum')]
      const rate = await fixedRate(`127.0.0.1:${f.grpcPort}`, f.names, 200, seconds)
      const fits = (await scrape(f.port, 'forecaster_fit_duration_seconds_count')) - count0
      const fitMs = (((await scrape(f.port, 'forecaster_fit_duration_seconds_sum')) - sum0) / Math.max(1, fits)) * 1000
      rows.push(`| ${fitWorkers === '0' ? 'on the event loop (FIT_WORKERS=0)' : 'in a worker thread (FIT_WORKERS=1)'} | ${fits} | ${fitMs.toFixed(0)} | ${rate.p50Ms.toFixed(2)} | ${rate.p99Ms.toFixed(2)} | ${rate.errors} |`)
    } finally {
      await stop(f.child)
    }
  }
  console.log('\n### GetMetrics at 200 req/s while 4 workloads refit ARIMA on 7 days at every 2 s tick\n')
  console.log('| fits run | full fits during the run | mean fit ms | p50 ms | p99 ms | errors |')
  console.log('|---|---|---|---|---|---|')
  for (const row of rows) console.log(row)
}

console.log(`machine: ${cpus().length} cores, load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)`)
await grpcBench()
await tickBench()
await fitBench()
console.log(`\nload average at end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`)
