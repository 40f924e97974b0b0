import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { planReplicas } from './plan.js'
import type { PlannerPolicy } from './policy.js'

// The worked example of docs/forecasting.md: its input block and its table are the test data,
// so the page and the planner cannot drift apart.
const doc = readFileSync(resolve(import.meta.dirname, '../../../../docs/forecasting.md'), 'utf8')
const section = doc.slice(doc.indexOf('### Worked example'))
const json = /```json planner-example\n([\s\S]*?)```/.exec(section)?.[1]
const example = JSON.parse(json ?? 'null') as { policy: PlannerPolicy, stepSeconds: number, currentReplicas: number, mean: number[] }
const rows = section.slice(section.indexOf('| k |')).split('\n')
  .filter((line) => /^\| \d/.test(line))
  .map((line) => line.split('|').slice(1, -1).map((cell) => Number(cell.trim())))

describe('the worked example in docs/forecasting.md', () => {
  it('has an input block and a table with one row per forecast step', () => {
    expect(example.mean.length).toBeGreaterThan(0)
    expect(rows.map((r) => r[0])).toEqual(example.mean.map((_, k) => k))
  })

  it('is what planReplicas computes, column by column', () => {
    const plan = planReplicas({
      forecast: { mean: Float64Array.from(example.mean), quantiles: {} },
      start: 0,
      stepSeconds: example.stepSeconds,
      currentReplicas: example.currentReplicas
    }, example.policy)
    const column = (i: number): number[] => rows.map((r) => r[i] ?? Number.NaN)
    expect(plan.times.map((t) => t / 60_000)).toEqual(column(1))
    expect(example.mean).toEqual(column(2))
    expect(example.mean.map((v) => v * example.policy.headroom)).toEqual(column(3))
    expect(plan.load).toEqual(column(4))
    expect(plan.recommended).toEqual(column(5))
    expect(plan.stabilised).toEqual(column(6))
    expect(plan.replicas).toEqual(column(7))
  })
})
