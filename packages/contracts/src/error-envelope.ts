import { z } from 'zod'

/** The shared error codes and their HTTP status: one table, used by every service's error handler. */
export const sharedErrorStatus = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  TIMEOUT: 504
} as const

export type SharedErrorCode = keyof typeof sharedErrorStatus

export const sharedErrorDescriptions: Record<SharedErrorCode, string> = {
  BAD_REQUEST: 'The request could not be read (malformed JSON, bad header).',
  VALIDATION_FAILED: 'The request was read but a field is invalid; `details` lists each field path.',
  UNAUTHORIZED: 'Missing or wrong bearer token on a protected route.',
  FORBIDDEN: 'The caller is known but may not do this.',
  NOT_FOUND: 'No such route or resource.',
  METHOD_NOT_ALLOWED: 'The route exists but not with this method.',
  CONFLICT: 'The request conflicts with the current state.',
  PAYLOAD_TOO_LARGE: 'The body is over the configured limit.',
  UNSUPPORTED_MEDIA_TYPE: 'The Content-Type is not one the route accepts (send application/json).',
  TOO_MANY_REQUESTS: 'Rate limited; retry after the time in Retry-After.',
  INTERNAL: 'An unexpected error; the message is never sent, the log has it under the request id.',
  UNAVAILABLE: 'A dependency or model is not ready; retry later.',
  TIMEOUT: 'A dependency did not answer in time.'
}

export const ErrorDetail = z.object({
  path: z.string(),
  message: z.string()
})
export type ErrorDetail = z.infer<typeof ErrorDetail>

/** The one error body every service sends: `{ error, code, details? }`. */
export const ErrorEnvelope = z.object({
  error: z.string(),
  code: z.string(),
  details: z.array(ErrorDetail).optional()
})
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>

export function isSharedErrorCode (code: string): code is SharedErrorCode {
  return Object.hasOwn(sharedErrorStatus, code)
}
