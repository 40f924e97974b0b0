import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isResponseSerializationError } from 'fastify-type-provider-zod'
import { ErrorDetail, type ErrorEnvelope, sharedErrorStatus } from '@platform/contracts'

interface ValidationIssue { instancePath?: string, message?: string }

function validationDetails (issues: readonly ValidationIssue[], context: string | undefined): ErrorDetail[] {
  return issues.map((issue) => {
    const segments = (issue.instancePath ?? '').split('/').filter((s) => s !== '')
    if (context !== undefined) segments.unshift(context)
    return { path: segments.length === 0 ? '(root)' : segments.join('.'), message: issue.message ?? 'invalid' }
  })
}

/** Fastify's own request errors, mapped to the shared codes. */
const fastifyCodes: Record<string, keyof typeof sharedErrorStatus> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_BAD_STATUS_CODE: 'INTERNAL',
  FST_ERR_BAD_URL: 'BAD_REQUEST'
}

export function toEnvelope (err: FastifyError): { status: number, body: ErrorEnvelope } {
  if (Array.isArray(err.validation)) {
    return {
      status: 400,
      body: { error: 'Request validation failed', code: 'VALIDATION_FAILED', details: validationDetails(err.validation, err.validationContext) }
    }
  }
  if (err instanceof SyntaxError) return { status: 400, body: { error: 'Malformed JSON body', code: 'BAD_REQUEST' } }
  const mapped = err.code === undefined ? undefined : fastifyCodes[err.code]
  if (mapped !== undefined) {
    const status = sharedErrorStatus[mapped]
    return { status, body: { error: status < 500 ? err.message : 'Internal server error', code: mapped } }
  }
  // An error status must be one: a 2xx/3xx or out-of-range statusCode on a thrown error is a bug, not an answer.
  const declared = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode <= 599 ? err.statusCode : undefined
  const status = declared ?? 500
  if (status >= 500) {
    // Never the message (it may carry internals); a service's own code still tells callers what
    // failed, and so do the `details` it chose to attach where it threw (e.g. which model). Only an
    // error that declares its status is the service's own: a driver's `ECONNREFUSED` is internal.
    const own = declared !== undefined && err.code !== undefined && !err.code.startsWith('FST_') && !isResponseSerializationError(err)
    const code = own ? err.code : 'INTERNAL'
    const details = code === 'INTERNAL' ? undefined : attachedDetails(err)
    return { status, body: { error: status === 503 ? 'Service unavailable' : 'Internal server error', code, ...(details === undefined ? {} : { details }) } }
  }
  return { status, body: { error: err.message, code: err.code ?? codeForStatus(status) } }
}

const AttachedDetails = ErrorDetail.array().min(1)

function attachedDetails (err: FastifyError): ErrorDetail[] | undefined {
  const parsed = AttachedDetails.safeParse((err as { details?: unknown }).details)
  return parsed.success ? parsed.data : undefined
}

function codeForStatus (status: number): string {
  const match = Object.entries(sharedErrorStatus).find(([, s]) => s === status)
  return match === undefined ? 'BAD_REQUEST' : match[0]
}

/**
 * One handler for the whole app: 4xx carry their message and code, 5xx never send the
 * message (it may hold internals); the real error is logged under `err` with the request id.
 */
export function installErrorHandlers (app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError | null | undefined, request: FastifyRequest, reply: FastifyReply) => {
    // `throw null` carries nothing to read: it is answered as any other internal error.
    const err = thrown ?? new Error(`a ${String(thrown)} value was thrown`) as FastifyError
    const { status, body } = toEnvelope(err)
    if (status >= 500) request.log.error({ err }, 'request failed')
    else request.log.info({ err: { message: err.message, code: body.code } }, 'request rejected')
    const retryAfter = (err as { retryAfterSeconds?: number }).retryAfterSeconds
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter))
    return reply.status(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorEnvelope = { error: `Route ${request.method} ${request.url.split('?')[0] ?? ''} not found`, code: 'NOT_FOUND' }
    return reply.status(404).send(body)
  })
}
