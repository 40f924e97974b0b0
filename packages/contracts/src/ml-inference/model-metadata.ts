import { z } from 'zod'
import { OipTensorMetadata } from './open-inference.js'

const source = z.string().min(1).describe('request field, dotted for nested objects (device_info.os)')

/**
 * One step of the feature pipeline. Each writes a fixed number of columns into the model's
 * `features` row, so the ONNX input width follows from the list alone.
 */
export const FeatureTransform = z.discriminatedUnion('type', [
  // `scale` multiplies before log1p, so log1p(1000 x) reads a small rate such as a CTR on a log scale.
  z.object({ type: z.literal('numeric'), source, log1p: z.boolean(), scale: z.number().positive().optional(), mean: z.number(), std: z.number().positive() }),
  z.object({ type: z.literal('ratio'), numerator: source, denominator: source, mean: z.number(), std: z.number().positive() }),
  z.object({ type: z.literal('hash'), source, buckets: z.number().int().min(1).max(1 << 20) }),
  z.object({ type: z.literal('ipv4_prefix_hash'), source, prefix_bits: z.number().int().min(1).max(32), buckets: z.number().int().min(1).max(1 << 20) }),
  z.object({ type: z.literal('one_hot'), source, vocabulary: z.array(z.string()).min(1) }),
  z.object({ type: z.literal('multi_hot'), source, vocabulary: z.array(z.string()).min(1) }),
  z.object({ type: z.literal('pattern_flags'), source, patterns: z.array(z.string()).min(1) }),
  z.object({ type: z.literal('cyclic'), source, period: z.number().positive() })
])
export type FeatureTransform = z.infer<typeof FeatureTransform>

/** How the model's raw output becomes an answer. */
export const ModelTask = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('binary_classifier'), output: z.string(), column: z.number().int().min(0), threshold: z.number().min(0).max(1) }),
  z.object({
    kind: z.literal('regressor'),
    output: z.string(),
    column: z.number().int().min(0),
    /** The model predicts `log1p(target)`; the answer is `expm1(raw)`. */
    target_log1p: z.boolean(),
    /** Held-out residual quantiles (in model space) that make the confidence interval. */
    residual_interval: z.tuple([z.number(), z.number()])
  })
])
export type ModelTask = z.infer<typeof ModelTask>

/** Histogram of held-out scores the drift gauge compares recent scores against. */
export const ReferenceDistribution = z.object({
  edges: z.array(z.number()).min(2),
  proportions: z.array(z.number().min(0))
}).refine((d) => d.proportions.length === d.edges.length - 1, { message: 'proportions need one entry per bin (edges.length - 1)' })
export type ReferenceDistribution = z.infer<typeof ReferenceDistribution>

/** `MODEL_DIR/<model>/<version>/metadata.json`: the contract between training and serving. */
export const ModelMetadata = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version MAJOR.MINOR.PATCH'),
  framework: z.enum(['lightgbm', 'logistic-regression', 'linear-regression']),
  created_at: z.string(),
  features: z.array(z.object({ name: z.string(), transform: FeatureTransform })).min(1),
  inputs: z.array(OipTensorMetadata).length(1),
  outputs: z.array(OipTensorMetadata).min(1),
  task: ModelTask,
  training: z.object({
    dataset: z.string(),
    data_sha256: z.string(),
    rows: z.object({ train: z.number().int(), test: z.number().int() }),
    metrics: z.record(z.string(), z.number()),
    notes: z.string().optional()
  }),
  reference_distribution: ReferenceDistribution
})
export type ModelMetadata = z.infer<typeof ModelMetadata>
