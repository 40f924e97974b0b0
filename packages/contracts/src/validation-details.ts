import type { z } from 'zod'
import type { ErrorDetail } from './error-envelope.js'

type Issue = Pick<z.core.$ZodIssue, 'path' | 'message'>

/** Joins a zod issue path into `a.b.0.c`; `prefix` names where the value came from (body, querystring, env). */
export function formatIssuePath (path: readonly PropertyKey[], prefix?: string): string {
  const parts = path.map(String)
  if (prefix !== undefined) parts.unshift(prefix)
  return parts.length === 0 ? '(root)' : parts.join('.')
}

/** Turns zod issues into the envelope's `details[]`, one entry per field. */
export function issuesToDetails (issues: readonly Issue[], prefix?: string): ErrorDetail[] {
  return issues.map((issue) => ({ path: formatIssuePath(issue.path, prefix), message: issue.message }))
}

export function zodErrorToDetails (error: z.ZodError, prefix?: string): ErrorDetail[] {
  return issuesToDetails(error.issues, prefix)
}
