import { z } from 'zod'
import { ProviderId } from './providers.js'
import { RecordedSpec } from './sandbox.js'

export const ExecutionOutcome = z.object({
  success: z.boolean(),
  latencyMs: z.number().nonnegative(),
  costUsd: z.number().nonnegative(),
  errorType: z.string().max(128).optional()
})
export type ExecutionOutcome = z.infer<typeof ExecutionOutcome>

/** Telemetry: one per finished sandbox run. */
export const ExecutionRecord = z.object({
  id: z.string().min(1).max(128),
  decisionId: z.string().min(1).max(128).optional(),
  provider: ProviderId,
  spec: RecordedSpec,
  submittedAt: z.iso.datetime({ offset: true }),
  outcome: ExecutionOutcome
})
export type ExecutionRecord = z.infer<typeof ExecutionRecord>

export const IngestExecutionsRequest = z.object({
  records: z.array(ExecutionRecord).min(1).max(1000)
})
export type IngestExecutionsRequest = z.infer<typeof IngestExecutionsRequest>

export const IngestExecutionsResponse = z.object({
  accepted: z.number().int().nonnegative().describe('records stored by this call'),
  duplicates: z.number().int().nonnegative().describe('records whose id was already stored, ignored')
})
export type IngestExecutionsResponse = z.infer<typeof IngestExecutionsResponse>

export const ExportExecutionsQuery = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  // A previous page's nextCursor: a Redis stream id (`ms-seq`) or the memory store's sequence number.
  // Checked here so a malformed one is a 400 with its field path, never a storage error.
  cursor: z.string().regex(/^\d{1,19}(-\d{1,19})?$/, 'expected a nextCursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000)
})
export type ExportExecutionsQuery = z.infer<typeof ExportExecutionsQuery>

export const ExportExecutionsResponse = z.object({
  records: z.array(ExecutionRecord),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null at the end')
})
export type ExportExecutionsResponse = z.infer<typeof ExportExecutionsResponse>
