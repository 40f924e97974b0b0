import type { ErrorDetail } from '@platform/contracts'
import { createError, type FastifyErrorConstructor } from '@platform/service-kit'

/** Every ml-inference-specific error code starts with this prefix; shared codes live in @platform/contracts. */
export const errorPrefix = 'INFERENCE_'

export const ModelUnavailableError = createError('INFERENCE_MODEL_UNAVAILABLE', 'Model %s is not loaded', 503)
export const ModelFailedError = createError('INFERENCE_MODEL_FAILED', 'Model %s version %s failed to run', 503)
export const ModelNotFoundError = createError('INFERENCE_MODEL_NOT_FOUND', 'No model named %s', 404)
export const VersionNotFoundError = createError('INFERENCE_VERSION_NOT_FOUND', 'Model %s has no loaded version %s', 404)
export const BadTensorError = createError('INFERENCE_BAD_TENSOR', 'Input tensor is invalid: %s', 400)

/** A 503 never sends its message, so these details tell the caller which model (and version) failed. */
export function namingModel<E extends Error> (err: E, model: string, version?: string): E & { details: ErrorDetail[] } {
  const details = [{ path: 'model', message: model }, ...(version === undefined ? [] : [{ path: 'version', message: version }])]
  return Object.assign(err, { details })
}

/** This service's coded errors (made with `createError(code, template, status)`), listed for docs/errors.md. */
export const serviceErrors: readonly FastifyErrorConstructor[] = [
  ModelUnavailableError,
  ModelFailedError,
  ModelNotFoundError,
  VersionNotFoundError,
  BadTensorError
]
