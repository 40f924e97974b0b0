import { z } from 'zod'
import { ProviderId } from './providers.js'

const SpecBase = z.object({
  language: z.string().min(1).max(64),
  cpu: z.number().positive().max(256).default(1),
  memory: z.number().int().positive().max(2_097_152).default(512).describe('MB'),
  timeout: z.number().int().positive().max(86_400_000).default(30_000).describe('ms'),
  gpu: z.boolean().default(false),
  gpuType: z.string().max(64).optional(),
  requirements: z.array(z.string().max(256)).max(1000).default([]),
  environment: z.record(z.string(), z.string()).default({}),
  files: z.record(z.string(), z.string()).default({}),
  stateful: z.boolean().default(false),
  region: z.string().max(64).optional(),
  tenant: z.string().max(128).optional()
})

/** A sandbox request. Either the code itself or only its length; the router only needs the length. */
export const SandboxSpec = SpecBase.extend({
  code: z.string().max(10_000_000).optional(),
  codeLength: z.number().int().nonnegative().optional()
})
export type SandboxSpec = z.infer<typeof SandboxSpec>
export type SandboxSpecInput = z.input<typeof SandboxSpec>

/** A spec as telemetry keeps it: the code's length, never the code. */
export const RecordedSpec = SpecBase.extend({
  codeLength: z.number().int().nonnegative()
})
export type RecordedSpec = z.infer<typeof RecordedSpec>

export const SandboxConstraints = z.object({
  maxCost: z.number().positive().optional().describe('USD per run'),
  maxLatency: z.number().positive().optional().describe('ms'),
  preferredProviders: z.array(ProviderId).default([]),
  excludeProviders: z.array(ProviderId).default([]),
  preferredRegion: z.string().max(64).optional(),
  requireGpu: z.boolean().default(false)
})
export type SandboxConstraints = z.infer<typeof SandboxConstraints>
export type SandboxConstraintsInput = z.input<typeof SandboxConstraints>
