import { createError, type FastifyErrorConstructor } from '@platform/service-kit'

/** Every forecaster-specific error code starts with this prefix; shared codes live in @platform/contracts. */
export const errorPrefix = 'FORECASTER_'

export const UnknownWorkloadError = createError('FORECASTER_UNKNOWN_WORKLOAD', 'workload "%s" is not configured', 404)
export const ForecastNotReadyError = createError('FORECASTER_FORECAST_NOT_READY', 'workload "%s" has no forecast yet; retry after its first interval', 503)

/** This service's coded errors (made with `createError(code, template, status)`), listed for docs/errors.md. */
export const serviceErrors: readonly FastifyErrorConstructor[] = [UnknownWorkloadError, ForecastNotReadyError]
