import { z } from 'zod'
import { ProviderId, UtilityWeights } from './providers.js'
import { SandboxConstraints, SandboxSpec } from './sandbox.js'

export const RoutingStrategy = z.enum(['ml', 'rule-based'])
export type RoutingStrategy = z.infer<typeof RoutingStrategy>

export const AbArm = z.enum(['control', 'treatment'])
export type AbArm = z.infer<typeof AbArm>

/** One candidate: its predictions when it was eligible, or why it was excluded. */
export const RouteAlternative = z.object({
  provider: ProviderId,
  eligible: z.boolean(),
  predictedCost: z.number().optional(),
  predictedLatency: z.number().optional(),
  successProbability: z.number().min(0).max(1).optional(),
  utility: z.number().optional(),
  excludedReason: z.string().optional()
})
export type RouteAlternative = z.infer<typeof RouteAlternative>

export const RouteDecision = z.object({
  decisionId: z.string(),
  provider: ProviderId,
  predictedCost: z.number().describe('USD'),
  predictedLatency: z.number().describe('ms'),
  confidence: z.number().min(0).max(1),
  strategy: RoutingStrategy,
  /** Why this strategy answered (e.g. `model confident`, `no model loaded`, `confidence 0.41 < 0.7`). */
  reason: z.string(),
  modelVersion: z.string().nullable(),
  arm: AbArm.nullable(),
  alternatives: z.array(RouteAlternative)
})
export type RouteDecision = z.infer<typeof RouteDecision>

export const RouteRequest = z.object({
  spec: SandboxSpec,
  constraints: SandboxConstraints.default({ preferredProviders: [], excludeProviders: [], requireGpu: false }),
  weights: UtilityWeights.optional(),
  /** Stable key for A/B assignment when the spec has no tenant. */
  requestId: z.string().max(128).optional()
})
export type RouteRequest = z.infer<typeof RouteRequest>
export type RouteRequestInput = z.input<typeof RouteRequest>

export const RouteBatchRequest = z.object({
  requests: z.array(RouteRequest).min(1).max(1000)
})
export type RouteBatchRequest = z.infer<typeof RouteBatchRequest>

export const RouteBatchResponse = z.object({
  decisions: z.array(RouteDecision)
})
export type RouteBatchResponse = z.infer<typeof RouteBatchResponse>
