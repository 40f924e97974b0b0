import { z } from 'zod'

/** A figure that is null when it cannot be computed (no rows, one class only). */
const figure = z.number().nullable()

/** Headline validation figures of one model version (the training report's summary). */
export const ModelMetrics = z.object({
  costMape: figure,
  costMse: figure,
  latencyMape: figure,
  logLatencyMse: figure,
  successAuc: figure,
  providerAccuracy: figure,
  utilityMae: figure.describe('mean absolute error of the predicted expected loss (USD) against the realised loss; champion/challenger compare on it'),
  validationRecords: z.number().int(),
  perProvider: z.array(z.object({
    provider: z.string(),
    records: z.number().int(),
    costMape: figure,
    latencyMape: figure,
    successRate: figure
  })),
  featureImportance: z.record(z.string(), z.array(z.object({ feature: z.string(), gain: z.number() })))
})
export type ModelMetrics = z.infer<typeof ModelMetrics>

export const ModelSummary = z.object({
  version: z.string(),
  createdAt: z.string(),
  featureSchemaHash: z.string(),
  active: z.boolean(),
  inUse: z.boolean().describe('active, or an arm of the current A/B test'),
  trainingRecords: z.number().int(),
  validationRecords: z.number().int()
})
export type ModelSummary = z.infer<typeof ModelSummary>

export const ModelListResponse = z.object({
  active: z.string().nullable(),
  versions: z.array(ModelSummary)
})
export type ModelListResponse = z.infer<typeof ModelListResponse>

export const ModelMetricsResponse = z.object({
  version: z.string(),
  metrics: ModelMetrics
})
export type ModelMetricsResponse = z.infer<typeof ModelMetricsResponse>

export const SetActiveModelRequest = z.object({ version: z.string().min(1) })
export type SetActiveModelRequest = z.infer<typeof SetActiveModelRequest>

export const VersionParams = z.object({ version: z.string().min(1) })
