import { z } from 'zod'

/** The nine execution providers the router can choose between. */
export const providerIds = ['e2b', 'modal', 'daytona', 'morph', 'kubernetes', 'custom', 'edge', 'bare-metal', 'apple-containers'] as const
export const ProviderId = z.enum(providerIds)
export type ProviderId = z.infer<typeof ProviderId>

/** List prices: what a run costs before it happens, the rule-based router's only cost estimate. */
export const ProviderPricing = z.object({
  perCpuSecondUsd: z.number().nonnegative(),
  perGbSecondUsd: z.number().nonnegative(),
  perGpuSecondUsd: z.number().nonnegative(),
  perRequestUsd: z.number().nonnegative(),
  minimumBilledSeconds: z.number().nonnegative()
})
export type ProviderPricing = z.infer<typeof ProviderPricing>

/** One provider's capabilities and list prices as operators describe them in the catalog file. */
export const ProviderDescriptor = z.object({
  id: ProviderId,
  enabled: z.boolean().default(true),
  gpu: z.boolean(),
  gpuTypes: z.array(z.string()).default([]),
  regions: z.array(z.string()).min(1),
  languages: z.array(z.string()).min(1),
  maxCpu: z.number().positive(),
  maxMemoryMb: z.number().int().positive(),
  maxTimeoutMs: z.number().int().positive(),
  stateful: z.boolean(),
  /** Advertised typical start-up latency, the rule-based router's latency estimate. */
  typicalLatencyMs: z.number().positive(),
  pricing: ProviderPricing
})
export type ProviderDescriptor = z.infer<typeof ProviderDescriptor>

/** Relative weights of cost, latency and failure risk in the selection utility. */
export const UtilityWeights = z.object({
  cost: z.number().nonnegative().default(1),
  latency: z.number().nonnegative().default(1),
  risk: z.number().nonnegative().default(1)
}).refine((w) => w.cost + w.latency + w.risk > 0, { message: 'at least one weight must be > 0: with none, every provider is as good as any other' })
export type UtilityWeights = z.infer<typeof UtilityWeights>

export const ProviderCatalog = z.object({
  version: z.string(),
  providers: z.array(ProviderDescriptor).min(1),
  /** Weights per tenant (`spec.tenant`), used when a request brings none of its own. */
  tenantWeights: z.record(z.string().min(1).max(128), UtilityWeights).default({})
}).refine((catalog) => new Set(catalog.providers.map((p) => p.id)).size === catalog.providers.length, {
  message: 'each provider may appear once', path: ['providers']
})
export type ProviderCatalog = z.infer<typeof ProviderCatalog>
