import { z } from 'zod'

export const LivenessResponse = z.object({ status: z.literal('ok') })
export type LivenessResponse = z.infer<typeof LivenessResponse>

export const ReadinessCheckResult = z.object({
  name: z.string(),
  ok: z.boolean(),
  error: z.string().optional()
})
export type ReadinessCheckResult = z.infer<typeof ReadinessCheckResult>

/** `/readyz`: 200 with `ready`, or 503 with `not_ready` and `failing` naming each failing check. */
export const ReadinessResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.array(ReadinessCheckResult),
  failing: z.array(z.string())
})
export type ReadinessResponse = z.infer<typeof ReadinessResponse>
