import { describe, expect, it } from 'vitest'
import { renderReplayChart, type ReplayChartData } from './svg-chart.js'

const data = (n: number, spikeAt = -1): ReplayChartData => {
  const times = Array.from({ length: n }, (_, i) => Date.UTC(2021, 9, 8) + i * 60_000)
  const actual = times.map((_, i) => (i === spikeAt ? 5000 : 100 + (i % 10)))
  return {
    title: 'crane <input13> & "auto"',
    times,
    actual,
    forecast: actual.map((v) => v * 0.9),
    bandLow: actual.map((v) => v * 0.8),
    bandHigh: actual.map((v) => v * 1.1),
    bandLabel: 'p10-p90',
    planned: actual.map(() => 2),
    reactive: actual.map(() => 1),
    targetPerPod: 100
  }
}

describe('renderReplayChart', () => {
  it('draws the band, four lines, a legend and both axes, with an escaped title', () => {
    const svg = renderReplayChart(data(50))
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true)
    expect(svg.match(/<path /g)).toHaveLength(5)
    expect(svg).toContain('<title>crane &lt;input13&gt; &amp; &quot;auto&quot;</title>')
    expect(svg).toContain('reactive HPA replicas x target')
    expect(svg).toContain('forecast (band: p10-p90)')
    expect(svg).toContain('2021-10-08T00:00:00.000Z')
    expect(svg).not.toMatch(/NaN|Infinity|undefined/)
  })

  it('keeps a one-step spike visible when a long series is reduced to pixel columns', () => {
    const svg = renderReplayChart(data(20_000, 12_345))
    // The top grid line is labelled with the spike's value: the maximum survived the reduction.
    expect(svg).toContain('>5500<')
    expect(svg.length).toBeLessThan(200_000)
  })

  it('renders an empty replay without failing', () => {
    expect(renderReplayChart(data(0))).not.toMatch(/NaN|Infinity|undefined/)
  })
})
