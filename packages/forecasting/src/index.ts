export type * from './model.js'
export { parseSeriesCsv, parseTimestamp, SeriesCsvError } from './backtest/series-csv.js'
export type { RawSamples } from './backtest/series-csv.js'
export { formatNumber, formatTable } from './backtest/text-table.js'
