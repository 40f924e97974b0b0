import { z } from 'zod'

export const AbTestRequest = z.object({
  enabled: z.boolean().default(true),
  controlModelVersion: z.string().min(1),
  treatmentModelVersion: z.string().min(1),
  trafficSplit: z.number().min(0).max(1).describe('share of request keys assigned to treatment'),
  startTime: z.iso.datetime({ offset: true }).optional(),
  endTime: z.iso.datetime({ offset: true }).optional(),
  /** Score with both models, always act on control; the treatment's choice is only recorded. */
  shadow: z.boolean().default(false)
}).refine((t) => t.startTime === undefined || t.endTime === undefined || Date.parse(t.startTime) < Date.parse(t.endTime), {
  message: 'endTime must be after startTime', path: ['endTime']
})
export type AbTestRequest = z.infer<typeof AbTestRequest>
export type AbTestRequestInput = z.input<typeof AbTestRequest>

export const AbTestConfig = z.object({
  id: z.string(),
  enabled: z.boolean(),
  controlModelVersion: z.string(),
  treatmentModelVersion: z.string(),
  trafficSplit: z.number(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  shadow: z.boolean(),
  createdAt: z.string()
})
export type AbTestConfig = z.infer<typeof AbTestConfig>

export const AbArmResults = z.object({
  requests: z.number().int(),
  outcomes: z.number().int().describe('decisions joined to an execution record'),
  meanCostUsd: z.number().nullable(),
  meanLatencyMs: z.number().nullable(),
  successRate: z.number().nullable(),
  costMape: z.number().nullable().describe('prediction error of the arm on its joined outcomes'),
  latencyMape: z.number().nullable()
})
export type AbArmResults = z.infer<typeof AbArmResults>

export const SignificanceResult = z.object({
  metric: z.enum(['costUsd', 'latencyMs', 'success']),
  test: z.enum(['welch-t', 'two-proportion-z']),
  difference: z.number().nullable().describe('treatment minus control'),
  pValue: z.number().nullable(),
  significant: z.boolean().describe('p < 0.05')
})
export type SignificanceResult = z.infer<typeof SignificanceResult>

export const AbTestResults = z.object({
  test: AbTestConfig,
  active: z.boolean().describe('enabled and inside its time window now'),
  arms: z.object({ control: AbArmResults, treatment: AbArmResults }),
  significance: z.array(SignificanceResult)
})
export type AbTestResults = z.infer<typeof AbTestResults>
