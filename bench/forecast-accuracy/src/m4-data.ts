import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** The repository's `datasets/` folder (provenance and licences in its README). */
const DATASETS = resolve(import.meta.dirname, '../../../datasets')

export interface M4Series {
  readonly id: string
  readonly train: Float64Array
  readonly test: Float64Array
  /** Per-series errors of the official seasonal naive on this split (anchors file). */
  readonly snaive: { readonly smape: number, readonly mase: number }
}

/** M4 rows are `"id","v1","v2",...` with empty trailing cells for shorter series. */
function parseM4 (path: string): Map<string, Float64Array> {
  const rows = new Map<string, Float64Array>()
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1)
  for (const line of lines) {
    if (line.trim() === '') continue
    const cells = line.split(',').map((c) => c.replaceAll('"', ''))
    const values = cells.slice(1).filter((c) => c !== '').map(Number)
    rows.set(cells[0] as string, Float64Array.from(values))
  }
  return rows
}

export function loadM4Hourly (): M4Series[] {
  const train = parseM4(resolve(DATASETS, 'm4_hourly/Hourly-train.csv'))
  const test = parseM4(resolve(DATASETS, 'm4_hourly/Hourly-test.csv'))
  const anchors = new Map<string, { smape: number, mase: number }>()
  const lines = readFileSync(resolve(DATASETS, 'anchors/m4_hourly_benchmarks_per_series.csv'), 'utf8').split(/\r?\n/)
  const header = (lines[0] ?? '').split(',')
  const smapeCol = header.indexOf('snaive_smape')
  const maseCol = header.indexOf('snaive_mase')
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue
    const cells = line.split(',')
    anchors.set(cells[0] as string, { smape: Number(cells[smapeCol]), mase: Number(cells[maseCol]) })
  }
  return [...train].map(([id, values]) => {
    const actual = test.get(id)
    const snaive = anchors.get(id)
    if (actual === undefined || snaive === undefined) throw new Error(`M4 series ${id} has no test row or anchor`)
    return { id, train: values, test: actual, snaive }
  })
}
