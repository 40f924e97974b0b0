import type { Series } from '@platform/forecasting'
import type { BuiltinOptions, ForecastRun } from './builtin-forecaster.js'

/** Main thread -> fit worker. `key` names one workload's model state inside the worker. */
export type FitRequest =
  | { kind: 'run', id: number, key: string, options: BuiltinOptions, series: Series, nowMs: number, levels?: readonly number[] | undefined }
  | { kind: 'forget', key: string }

/** Fit worker -> main thread: the run, or the error it threw (name and message kept). */
export type FitReply =
  | { id: number, run: ForecastRun }
  | { id: number, error: { name: string, message: string } }
