import type { Series } from '@platform/forecasting'
import { type BuiltinOptions, type ForecastRun, inProcessRunner, type ModelRunner } from './builtin-forecaster.js'
import { ByomClient, ByomError, type ByomFailure } from './byom-client.js'
import { CircuitBreaker } from './circuit-breaker.js'

export interface WorkloadForecasterOptions {
  model: string
  byomURL?: string | undefined
  byomTimeoutMs: number
  fallbackModel: string
  horizonSteps: number
  quantileLevels: readonly number[]
  /** The level plans are made from (`quantileLevel`), which a BYOM answer must hold. */
  planningLevel?: number | undefined
  refitEverySeconds: number
  /** Told about every BYOM failure that fell back to the built-in model. */
  onFallback?: (reason: ByomFailure, err: ByomError | undefined) => void
  /** Where the built-in model runs: a fit worker pool, or (default) the calling thread. */
  runner?: (options: BuiltinOptions) => ModelRunner
}

export type WorkloadForecastRun = ForecastRun & { fallback?: ByomFailure }

/**
 * A workload's forecasting: the built-in engine model, or BYOM behind a circuit breaker with the
 * configured built-in model as fallback (its name is reported as the snapshot's model).
 */
export class WorkloadForecaster {
  private readonly builtin: ModelRunner
  private readonly byom: ByomClient | undefined
  private readonly breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 60_000 })

  constructor (private readonly options: WorkloadForecasterOptions) {
    const builtinModel = options.model === 'byom' ? options.fallbackModel : options.model
    this.builtin = (options.runner ?? inProcessRunner)({ model: builtinModel, horizonSteps: options.horizonSteps, quantileLevels: [...options.quantileLevels], refitEverySeconds: options.refitEverySeconds })
    this.byom = options.model === 'byom' && options.byomURL !== undefined
      ? new ByomClient({ url: options.byomURL, timeoutMs: options.byomTimeoutMs, planningLevel: options.planningLevel })
      : undefined
  }

  /** Releases the built-in model's state (in its fit worker, if any). */
  dispose (): void {
    this.builtin.dispose()
  }

  /** `levels`: this run's quantile levels for the built-in model (BYOM returns its own). */
  async run (series: Series, nowMs: number, levels?: readonly number[]): Promise<WorkloadForecastRun> {
    if (this.byom === undefined) return await this.builtin.run(series, nowMs, levels)
    const byom = this.byom
    const began = performance.now()
    let failure: ByomError | undefined
    try {
      const result = await this.breaker.run(async () => await byom.predict(series, this.options.horizonSteps, nowMs))
      if (result.called) {
        const last = series.start + (series.values.length - 1) * series.stepSeconds * 1000
        return { forecast: result.value, start: last + series.stepSeconds * 1000, model: 'byom', fitSeconds: 0, predictSeconds: (performance.now() - began) / 1000, refitted: false }
      }
    } catch (err) {
      if (!(err instanceof ByomError)) throw err
      failure = err
    }
    const reason = failure?.reason ?? 'circuit-open'
    this.options.onFallback?.(reason, failure)
    return { ...(await this.builtin.run(series, nowMs, levels)), fallback: reason }
  }
}
