// Measurements are taken in rounds, the contenders interleaved within each round, and the median
// round kept: on a shared machine the load drifts, and interleaving spreads it over everyone.

export interface SingleRowFigures {
  rowsPerSecond: number
  p50Micros: number
  p99Micros: number
  /** Process CPU time (all threads) per call: what a call costs, whatever the machine's load. */
  cpuMicros: number
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function percentile (sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

const now = (): bigint => process.hrtime.bigint()
const seconds = (from: bigint): number => Number(now() - from) / 1e9

/** One-row calls: each call's duration feeds p50/p99 over all rounds; rows/s is the median round's. */
export async function timeSingleRows (rounds: number, callsPerRound: number,
  contenders: readonly ((i: number) => unknown)[]): Promise<SingleRowFigures[]> {
  const durations = contenders.map(() => new Float64Array(rounds * callsPerRound))
  const rates = contenders.map(() => [] as number[])
  const cpu = contenders.map(() => 0)
  for (let round = 0; round < rounds; round++) {
    for (const [c, run] of contenders.entries()) {
      const started = now()
      const cpuStart = process.cpuUsage()
      for (let i = 0; i < callsPerRound; i++) {
        const t0 = now()
        await run(i)
        const d = durations[c]
        if (d !== undefined) d[round * callsPerRound + i] = Number(now() - t0) / 1000
      }
      rates[c]?.push(callsPerRound / seconds(started))
      const used = process.cpuUsage(cpuStart)
      cpu[c] = (cpu[c] ?? 0) + used.user + used.system
    }
  }
  return contenders.map((_, c) => {
    const sorted = (durations[c] ?? new Float64Array(0)).sort()
    return {
      rowsPerSecond: median(rates[c] ?? []),
      p50Micros: percentile(sorted, 0.5),
      p99Micros: percentile(sorted, 0.99),
      cpuMicros: (cpu[c] ?? 0) / (rounds * callsPerRound)
    }
  })
}

/** Rows per second of `rows`-row batches, median over rounds. */
export async function timeBatches (rounds: number, callsPerRound: number, rows: number,
  contenders: readonly (() => unknown)[]): Promise<number[]> {
  const rates = contenders.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    for (const [c, run] of contenders.entries()) {
      const started = now()
      for (let i = 0; i < callsPerRound; i++) await run()
      rates[c]?.push(rows * callsPerRound / seconds(started))
    }
  }
  return rates.map(median)
}

export async function wallSeconds (run: () => Promise<unknown>): Promise<number> {
  const started = now()
  await run()
  return seconds(started)
}
