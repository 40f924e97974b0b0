import { formatTable } from '@platform/forecasting'
import { loadRealSeries } from './real-series-data.js'

const series = loadRealSeries()
const rows = series.map(({ name, samples }) => {
  const n = samples.timestamps.length
  const first = samples.timestamps[0] ?? 0
  const last = samples.timestamps[n - 1] ?? 0
  return [name, n, new Date(first).toISOString(), new Date(last).toISOString()]
})
console.log(formatTable(['series', 'rows', 'first', 'last'], rows))
