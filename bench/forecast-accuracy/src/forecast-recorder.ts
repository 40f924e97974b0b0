import type { FittedModel, Forecast, ModelFactory } from '@platform/forecasting'

/**
 * Wraps a model so every forecast it makes is also kept, with extra quantile levels, for
 * replaying other planner policies on exactly the same forecasts afterwards.
 */
export function recordingFactory (factory: ModelFactory, extraLevels: readonly number[], into: Forecast[]): ModelFactory {
  return {
    name: factory.name,
    fit (history, options): FittedModel {
      const model = factory.fit(history, options)
      return {
        name: model.name,
        describe: () => model.describe(),
        update: (values) => { model.update(values) },
        forecast (horizon, levels) {
          const all = [...new Set([...levels, ...extraLevels])].sort((a, b) => a - b)
          const forecast = model.forecast(horizon, all)
          into.push(forecast)
          const asked = Object.fromEntries(levels.map((l) => [String(l), forecast.quantiles[String(l)] ?? forecast.mean]))
          return { mean: forecast.mean, quantiles: asked }
        }
      }
    }
  }
}
