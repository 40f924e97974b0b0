/** One point of history. `timestamp` is milliseconds since the Unix epoch, as in JavaScript and Prometheus' TSDB. */
export interface Sample {
  timestamp: number
  value: number
}

/** A time series to load into Prometheus as history. */
export interface Series {
  name: string
  labels?: Readonly<Record<string, string>>
  samples: readonly Sample[]
}
