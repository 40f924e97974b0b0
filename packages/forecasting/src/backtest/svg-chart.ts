/**
 * The replay chart: actual load, the forecast band, and the capacity of the planned and the
 * reactive replicas (replicas x targetPerPod, so they share the load axis; the right axis reads
 * in replicas). A pure function returning an SVG document.
 */
export interface ReplayChartData {
  readonly title: string
  /** Epoch ms of each step. */
  readonly times: readonly number[]
  readonly actual: readonly number[]
  readonly forecast: readonly number[]
  /** Lower and upper edge of the forecast band (e.g. the lowest and highest requested quantile). */
  readonly bandLow: readonly number[]
  readonly bandHigh: readonly number[]
  /** What the band spans, for the legend (e.g. `p50-p90`). */
  readonly bandLabel: string
  readonly planned: readonly number[]
  readonly reactive: readonly number[]
  readonly targetPerPod: number
}

const WIDTH = 1200
const HEIGHT = 420
const PAD = { left: 64, right: 64, top: 40, bottom: 48 }
const PLOT_W = WIDTH - PAD.left - PAD.right
const PLOT_H = HEIGHT - PAD.top - PAD.bottom
const COLOURS = { actual: '#222222', forecast: '#1f77b4', band: '#1f77b4', planned: '#2ca02c', reactive: '#d62728' }

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c)

/** Reduces a series to at most one value per pixel column, keeping each column's extreme. */
function perColumn (values: readonly number[], pick: (a: number, b: number) => number): number[] {
  if (values.length <= PLOT_W) return [...values]
  const out: number[] = []
  for (let c = 0; c < PLOT_W; c++) {
    const from = Math.floor(c * values.length / PLOT_W)
    const to = Math.max(from + 1, Math.floor((c + 1) * values.length / PLOT_W))
    out.push(values.slice(from, to).reduce((a, b) => pick(a, b)))
  }
  return out
}

export function renderReplayChart (data: ReplayChartData): string {
  const capacity = (replicas: readonly number[]): number[] => replicas.map((r) => r * data.targetPerPod)
  const series = {
    bandHigh: perColumn(data.bandHigh, Math.max),
    bandLow: perColumn(data.bandLow, Math.min),
    actual: perColumn(data.actual, Math.max),
    forecast: perColumn(data.forecast, Math.max),
    planned: perColumn(capacity(data.planned), Math.max),
    reactive: perColumn(capacity(data.reactive), Math.max)
  }
  const top = Math.max(1e-9, ...Object.values(series).flat())
  const n = series.actual.length
  const x = (i: number): number => PAD.left + (n <= 1 ? 0 : i * PLOT_W / (n - 1))
  const y = (v: number): number => PAD.top + PLOT_H * (1 - v / top)
  const point = (v: number, i: number): string => `${x(i).toFixed(1)},${y(v).toFixed(1)}`
  const path = (values: readonly number[], stepped: boolean): string =>
    values.map((v, i) => i === 0 ? `M${point(v, i)}` : stepped ? `H${x(i).toFixed(1)}V${y(v).toFixed(1)}` : `L${point(v, i)}`).join('')
  const band = series.bandHigh.length === 0
    ? ''
    : `M${[...series.bandHigh.map(point), ...series.bandLow.map(point).reverse()].join('L')}Z`

  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = top * f
    return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>` +
      `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${formatTick(v)}</text>` +
      `<text x="${WIDTH - PAD.right + 6}" y="${(y(v) + 4).toFixed(1)}">${formatTick(v / data.targetPerPod)}</text>`
  }).join('')
  const first = data.times[0]
  const last = data.times.at(-1)
  const timeLabels = first === undefined || last === undefined
    ? ''
    : `<text x="${PAD.left}" y="${HEIGHT - 18}">${new Date(first).toISOString()}</text>` +
      `<text x="${WIDTH - PAD.right}" y="${HEIGHT - 18}" text-anchor="end">${new Date(last).toISOString()}</text>`
  const legend = [
    ['actual load', COLOURS.actual], [`forecast (band: ${data.bandLabel})`, COLOURS.forecast],
    ['planned replicas x target', COLOURS.planned], ['reactive HPA replicas x target', COLOURS.reactive]
  ].map(([label, colour], i) => `<rect x="${PAD.left + i * 270}" y="${PAD.top - 24}" width="12" height="12" fill="${colour}"/>` +
    `<text x="${PAD.left + i * 270 + 18}" y="${PAD.top - 14}">${escapeXml(label ?? '')}</text>`).join('')

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(data.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ticks,
    band === '' ? '' : `<path d="${band}" fill="${COLOURS.band}" fill-opacity="0.18" stroke="none"/>`,
    `<path d="${path(series.forecast, false)}" fill="none" stroke="${COLOURS.forecast}" stroke-width="1"/>`,
    `<path d="${path(series.actual, false)}" fill="none" stroke="${COLOURS.actual}" stroke-width="1"/>`,
    `<path d="${path(series.planned, true)}" fill="none" stroke="${COLOURS.planned}" stroke-width="1.5"/>`,
    `<path d="${path(series.reactive, true)}" fill="none" stroke="${COLOURS.reactive}" stroke-width="1.5" stroke-dasharray="4 2"/>`,
    legend,
    timeLabels,
    `<text x="${PAD.left - 6}" y="${PAD.top + PLOT_H + 16}" text-anchor="end">load</text>`,
    `<text x="${WIDTH - PAD.right + 6}" y="${PAD.top + PLOT_H + 16}">replicas</text>`,
    '</svg>',
    ''
  ].join('\n')
}

function formatTick (value: number): string {
  if (value >= 100) return Math.round(value).toString()
  return Number(value.toPrecision(3)).toString()
}
