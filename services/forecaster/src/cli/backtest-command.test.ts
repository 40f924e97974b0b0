import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { backtestCommand } from './backtest-command.js'

const dir = mkdtempSync(join(tmpdir(), 'forecaster-backtest-'))
afterEach(() => { vi.restoreAllMocks() })
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

const input = join(dir, 'series.csv')
writeFileSync(input, ['timestamp,value', ...Array.from({ length: 3 * 288 }, (_, i) =>
  `${new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString()},${(150 + 80 * Math.sin((2 * Math.PI * i) / 288) + 10 * Math.cos(i)).toFixed(2)}`)].join('\n'))

async function run (args: string[]): Promise<string> {
  let out = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out += String(chunk); return true })
  await backtestCommand().exitOverride().parseAsync(args, { from: 'user' })
  return out
}

describe('forecaster backtest', () => {
  it('prints the report as JSON and writes the SVG chart', async () => {
    const svg = join(dir, 'chart.svg')
    const out = await run(['--input', input, '--model', 'persistence', '--step', '5m', '--horizon', '30m', '--window', '2d', '--quantiles', '0.5,0.9', '--json', '--svg', svg])
    const report = JSON.parse(out) as { models: Array<{ model: string }>, protocol: { horizonSteps: number, quantiles: number[] }, series: { preparation: { samples: number } } }
    expect(report.series.preparation.samples).toBe(3 * 288)
    expect(report.models.map((m) => m.model)).toEqual(['persistence', 'seasonal-naive-day', 'seasonal-naive-week'])
    expect(report.protocol).toMatchObject({ horizonSteps: 6, quantiles: [0.5, 0.9] })
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /)
  })

  it('prints readable tables by default, on the step the timestamps show', async () => {
    const out = await run(['--input', input, '--model', 'seasonal-naive-day'])
    expect(out).toMatch(/model\s+role\s+MASE\s+sMAPE/)
    expect(out).toContain('autoscaling replay (seasonal-naive-day)')
  })

  it('rejects a malformed option before reading anything', async () => {
    await expect(run(['--input', input, '--horizon', 'soon'])).rejects.toThrow(/"soon" is not a positive whole number of seconds/)
  })
})
