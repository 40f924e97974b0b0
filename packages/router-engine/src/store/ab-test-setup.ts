import type { AbTestConfig } from '@platform/contracts'
import { z } from 'zod'
import { sha256 } from './model-files.js'

// The seed passed Dates; the manifest and the wire carry ISO strings.
const time = z.union([z.iso.datetime({ offset: true }), z.date().transform((d) => d.toISOString())])

/**
 * What `configureABTest` accepts: the seed's `{ enabled, controlModelVersion, treatmentModelVersion,
 * trafficSplit, startTime, endTime }`, or a full AbTestConfig. Missing fields get defaults.
 */
const AbTestSetup = z.object({
  id: z.string().min(1).optional(),
  enabled: z.boolean().default(true),
  controlModelVersion: z.string().min(1),
  treatmentModelVersion: z.string().min(1),
  trafficSplit: z.number().min(0).max(1),
  startTime: time.nullish(),
  endTime: time.nullish(),
  shadow: z.boolean().default(false),
  createdAt: time.optional()
}).refine((t) => t.startTime == null || t.endTime == null || Date.parse(t.startTime) < Date.parse(t.endTime), {
  message: 'endTime must be after startTime', path: ['endTime']
})
export type AbTestSetupInput = z.input<typeof AbTestSetup>

/** A configuration that is not an A/B test (missing version, split outside [0, 1], end before start). */
export class InvalidAbTestError extends TypeError {
  constructor (error: z.ZodError) {
    super(`invalid A/B test configuration: ${z.prettifyError(error)}`, { cause: error })
    this.name = 'InvalidAbTestError'
  }
}

/**
 * The full configuration. Without an id, one is derived from the arms and the start time, so
 * replicas or restarts that configure the same test keep every key in the same arm; re-configuring
 * the current test keeps its createdAt.
 */
export function abTestConfigOf (input: AbTestSetupInput, current: AbTestConfig | null, now: Date): AbTestConfig {
  const parsed = AbTestSetup.safeParse(input)
  if (!parsed.success) throw new InvalidAbTestError(parsed.error)
  const t = parsed.data
  const startTime = t.startTime ?? null
  const id = t.id ?? `ab-${sha256(JSON.stringify([t.controlModelVersion, t.treatmentModelVersion, startTime])).slice(0, 16)}`
  return {
    id,
    enabled: t.enabled,
    controlModelVersion: t.controlModelVersion,
    treatmentModelVersion: t.treatmentModelVersion,
    trafficSplit: t.trafficSplit,
    startTime,
    endTime: t.endTime ?? null,
    shadow: t.shadow,
    createdAt: t.createdAt ?? (current?.id === id ? current.createdAt : now.toISOString())
  }
}
