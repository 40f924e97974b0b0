import { SeriesError } from '@platform/forecasting'
import { SourceError } from '../sources/metric-source.js'

/** Loop stages, as the `stage` label of forecaster_errors_total. */
export type Stage = 'lease' | 'collect' | 'prepare' | 'forecast' | 'plan' | 'store' | 'loop'

/** A bounded `reason` label for any failure. */
export function failureReason (err: unknown): string {
  if (err instanceof SourceError) return err.reason
  if (err instanceof SeriesError) return err.code.toLowerCase()
  if (err instanceof Error && err.name === 'TimeoutError') return 'timeout'
  if (err instanceof Error && err.name === 'AbortError') return 'timeout'
  if (err instanceof Error && err.name === 'PlannerInputError') return 'planner-input'
  return 'error'
}

export function errorMessage (err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
