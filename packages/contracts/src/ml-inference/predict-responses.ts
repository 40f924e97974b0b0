import { z } from 'zod'

export const FraudPrediction = z.object({ fraud_score: z.number(), is_fraud: z.boolean() })
export type FraudPrediction = z.infer<typeof FraudPrediction>

export const CtrPrediction = z.object({ predicted_ctr: z.number() })
export type CtrPrediction = z.infer<typeof CtrPrediction>

export const BidPrediction = z.object({
  optimized_cpm: z.number(),
  confidence_interval: z.tuple([z.number(), z.number()])
})
export type BidPrediction = z.infer<typeof BidPrediction>

/** Where an answer came from: always the model; `heuristic` is reserved for an explicitly enabled fallback. */
export const PredictionSource = z.enum(['model'])

const answer = <T extends z.ZodType>(prediction: T) => z.object({
  model_name: z.string(),
  model_version: z.string(),
  prediction,
  latency_ms: z.number(),
  source: PredictionSource
})

/**
 * A batch answer: `model_version` is the pinned or default version; under a canary split each
 * prediction names the version that scored its row.
 */
const batchAnswer = <T extends z.ZodObject>(prediction: T) => z.object({
  model_name: z.string(),
  model_version: z.string(),
  predictions: z.array(prediction.extend({ model_version: z.string() })),
  latency_ms: z.number(),
  source: PredictionSource
})

export const FraudResponse = answer(FraudPrediction)
export type FraudResponse = z.infer<typeof FraudResponse>
export const CtrResponse = answer(CtrPrediction)
export type CtrResponse = z.infer<typeof CtrResponse>
export const BidResponse = answer(BidPrediction)
export type BidResponse = z.infer<typeof BidResponse>

export const FraudBatchResponse = batchAnswer(FraudPrediction)
export type FraudBatchResponse = z.infer<typeof FraudBatchResponse>
export const CtrBatchResponse = batchAnswer(CtrPrediction)
export type CtrBatchResponse = z.infer<typeof CtrBatchResponse>
export const BidBatchResponse = batchAnswer(BidPrediction)
export type BidBatchResponse = z.infer<typeof BidBatchResponse>

/** `GET /health`: the seed's shape. */
export const InferenceHealthResponse = z.object({
  status: z.literal('ok'),
  models_loaded: z.number().int(),
  uptime_seconds: z.number()
})
export type InferenceHealthResponse = z.infer<typeof InferenceHealthResponse>

/** `/health/ready`: 503 until every required model is loaded and has answered a warm-up inference. */
export const InferenceReadyResponse = z.object({
  ready: z.boolean(),
  models: z.array(z.object({ name: z.string(), versions: z.array(z.string()), default_version: z.string().nullable(), warmed_up: z.boolean() })),
  missing: z.array(z.string())
})
export type InferenceReadyResponse = z.infer<typeof InferenceReadyResponse>

/** `POST /admin/models/reload`: what the rescan loaded and what it refused (the previous version keeps serving). */
export const ModelReloadResponse = z.object({
  loaded: z.array(z.object({ model: z.string(), version: z.string() })),
  refused: z.array(z.object({ model: z.string(), version: z.string(), reason: z.string() })),
  defaults: z.record(z.string(), z.string())
})
export type ModelReloadResponse = z.infer<typeof ModelReloadResponse>
