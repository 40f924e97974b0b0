import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseSeriesCsv, type RawSamples } from '@platform/forecasting'

/** The repository's `datasets/` folder (provenance and licences in its README). */
const DATASETS = resolve(import.meta.dirname, '../../../datasets')

/** The eight real load series of the benchmark protocol, with short names for tables. */
export const REAL_SERIES = [
  { name: 'nasa-http', file: 'nasa_http_1995_07_requests_1min.csv' },
  { name: 'nyc-taxi', file: 'nab_nyc_taxi_passengers_30min.csv' },
  { name: 'aws-elb', file: 'nab_elb_request_count_8c0756_5min.csv' },
  { name: 'twitter-goog', file: 'nab_twitter_volume_goog_5min.csv' },
  { name: 'crane-input1', file: 'crane_app_metric_input1_1min.csv' },
  { name: 'crane-input9', file: 'crane_app_metric_input9_1min.csv' },
  { name: 'crane-input13', file: 'crane_app_metric_input13_1min.csv' },
  { name: 'crane-input14', file: 'crane_app_metric_input14_1min.csv' }
] as const

export interface RealSeries {
  readonly name: string
  readonly samples: RawSamples
}

export function loadRealSeries (): RealSeries[] {
  return REAL_SERIES.map(({ name, file }) => ({ name, samples: parseSeriesCsv(readFileSync(resolve(DATASETS, file), 'utf8')) }))
}
