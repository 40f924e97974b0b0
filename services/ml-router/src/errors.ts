import { createError, type FastifyErrorConstructor } from '@platform/service-kit'

/** Every ml-router-specific error code starts with this prefix; shared codes live in @platform/contracts. */
export const errorPrefix = 'ROUTER_'

export const NoEligibleProviderError = createError('ROUTER_NO_ELIGIBLE_PROVIDER', 'No provider can run this spec under its constraints: %s', 422)
export const TelemetryUnavailableError = createError('ROUTER_TELEMETRY_UNAVAILABLE', 'Telemetry storage is unavailable; nothing was stored, retry later', 503)
export const ModelNotFoundError = createError('ROUTER_MODEL_NOT_FOUND', 'Model version %s does not exist', 404)
export const ModelRejectedError = createError('ROUTER_MODEL_REJECTED', 'Model version %s was refused at load: %s', 409)
export const NoAbTestError = createError('ROUTER_NO_AB_TEST', 'No A/B test is configured', 404)
export const StateUnavailableError = createError('ROUTER_STATE_UNAVAILABLE', 'Shared state (Redis) is unavailable; retry later', 503)

/** This service's coded errors (made with `createError(code, template, status)`), listed for docs/errors.md. */
export const serviceErrors: readonly FastifyErrorConstructor[] = [
  NoEligibleProviderError, TelemetryUnavailableError, ModelNotFoundError, ModelRejectedError, NoAbTestError, StateUnavailableError
]
