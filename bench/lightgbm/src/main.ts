// LightGBM benchmark: training wall time, then prediction throughput and one-row latency for
// @platform/lightgbm, the registry `lightgbm` binding and onnxruntime-node on the exported model,
// side by side in one run. Prints a markdown table for packages/lightgbm/README.md.
import { Dataset, train, type Booster } from '@platform/lightgbm'

import { COLS, ROWS, makeData } from './data.js'
import { onnxRuntime, platform, registry, type Predictor } from './predictors.js'
import { timeBatches, timeSingleRows, wallSeconds, type SingleRowFigures } from './timing.js'

const ROUNDS = 200
const SINGLE_CALLS = 20_000

type Task = 'regression' | 'binary'

async function trainModel (task: Task, x: Float64Array, label: Float64Array): Promise<{ booster: Booster, seconds: number }> {
  const set = new Dataset(x, ROWS, COLS, { label })
  let booster: Booster | undefined
  const seconds = await wallSeconds(async () => {
    booster = await train({ objective: task, seed: 1 }, set, { numBoostRound: ROUNDS })
  })
  set.dispose()
  if (booster === undefined) throw new Error('training produced no model')
  return { booster, seconds }
}

function maxDifference (a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)))
  return worst
}

interface Row { task: Task, name: string, single: SingleRowFigures, batch1k: number, batch100k: number }

async function measure (task: Task, predictors: readonly Predictor[], x: Float64Array, rows: Float64Array[]): Promise<Row[]> {
  const rowAt = (i: number): Float64Array => rows[i % rows.length] ?? x
  const first1k = x.subarray(0, 1000 * COLS)
  // Warm-up: first calls build predictors and thread pools.
  for (const p of predictors) {
    for (let i = 0; i < 200; i++) await p.one(rowAt(i))
    await p.batch(first1k, 1000)
  }
  const single = await timeSingleRows(5, SINGLE_CALLS / 5, predictors.map((p) => (i: number) => p.one(rowAt(i))))
  const batch1k = await timeBatches(5, 40, 1000, predictors.map((p) => () => p.batch(first1k, 1000)))
  const batch100k = await timeBatches(5, 1, ROWS, predictors.map((p) => () => p.batch(x, ROWS)))
  return predictors.map((p, i) => ({
    task, name: p.name, single: single[i] ?? { rowsPerSecond: 0, p50Micros: 0, p99Micros: 0, cpuMicros: 0 }, batch1k: batch1k[i] ?? 0, batch100k: batch100k[i] ?? 0
  }))
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

async function main (): Promise<void> {
  const data = makeData(ROWS, 42)
  const test = makeData(ROWS, 43)
  const rows = Array.from({ length: 1000 }, (_, r) => test.x.slice(r * COLS, (r + 1) * COLS))
  const results: Row[] = []
  const training: string[] = []

  // The process's first OpenMP team costs seconds on a loaded machine (libgomp spin-waits); a tiny
  // training pays it before anything is timed.
  const warmUp = new Dataset(data.x.subarray(0, 500 * COLS), 500, COLS, { label: data.regression.subarray(0, 500) })
  ;(await train({ objective: 'regression' }, warmUp, { numBoostRound: 2 })).dispose()
  warmUp.dispose()

  for (const task of ['regression', 'binary'] as const) {
    const { booster, seconds } = await trainModel(task, data.x, data[task])
    training.push(`| ${task} | ${fmt(ROWS)} x ${COLS} | ${ROUNDS} | ${fmt(seconds, 2)} s |`)
    console.error(`${task}: trained in ${fmt(seconds, 2)} s`)
    const model = booster.saveModelToString()
    const predictors = [platform(booster), registry(model), await onnxRuntime(booster, task)]
    const reference = await predictors[0]?.values(test.x, ROWS) ?? []
    for (const predictor of predictors.slice(1)) {
      const diff = maxDifference(reference, await predictor.values(test.x, ROWS))
      console.error(`${task}: ${predictor.name} max |difference| vs @platform/lightgbm = ${diff.toExponential(2)}`)
    }
    results.push(...await measure(task, predictors, test.x, rows))
    for (const predictor of predictors) await predictor.close()
  }

  console.log('Training (wall time, default threads):\n')
  console.log('| task | data | rounds | wall time |\n|---|---|---|---|')
  console.log(training.join('\n'))
  console.log('\nPrediction (rows/s; one-row latency per call):\n')
  console.log('| task | predictor | 1 row: p50 | 1 row: p99 | 1 row: CPU/call | 1 row: rows/s | batch 1,000: rows/s | batch 100,000: rows/s |')
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of results) {
    const s = r.single
    console.log(`| ${r.task} | ${r.name} | ${fmt(s.p50Micros, 1)} us | ${fmt(s.p99Micros, 1)} us | ${fmt(s.cpuMicros, 1)} us | ${fmt(s.rowsPerSecond)} | ${fmt(r.batch1k)} | ${fmt(r.batch100k)} |`)
  }

  console.log('\nGoals (vs the registry binding): batches within 10%, one row ahead:\n')
  for (const task of ['regression', 'binary'] as const) {
    const ours = results.find((r) => r.task === task && r.name === '@platform/lightgbm')
    const peer = results.find((r) => r.task === task && r.name.startsWith('lightgbm'))
    if (ours === undefined || peer === undefined) continue
    const batch = Math.min(ours.batch1k / peer.batch1k, ours.batch100k / peer.batch100k)
    console.log(`- ${task}: batches ${fmt(batch * 100)}% of the binding's throughput (${batch >= 0.9 ? 'met' : 'missed'}); ` +
      `one row p50 ${fmt(ours.single.p50Micros, 1)} us vs ${fmt(peer.single.p50Micros, 1)} us (${ours.single.p50Micros < peer.single.p50Micros ? 'met' : 'missed'})`)
  }
}

await main()
