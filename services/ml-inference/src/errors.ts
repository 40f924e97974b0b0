import type { FastifyErrorConstructor } from '@platform/service-kit'

/** Every ml-inference-specific error code starts with this prefix; shared codes live in @platform/contracts. */
export const errorPrefix = 'INFERENCE_'

/** This service's coded errors (made with `createError(code, template, status)`), listed for docs/errors.md. */
export const serviceErrors: readonly FastifyErrorConstructor[] = []
