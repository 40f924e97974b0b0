import type { ProviderCatalog, ProviderDescriptor, ProviderId, RecordedSpec, SandboxConstraints } from '@platform/contracts'
import { supportsLanguage } from '../catalog/catalog.js'

/** The spec fields eligibility and features read: a request or a telemetry record both fit. */
export type SpecShape = Omit<RecordedSpec, 'codeLength'> & { codeLength?: number | undefined, code?: string | undefined }

/** Why a provider cannot run this spec at all (capabilities), or undefined when it can. */
export function capabilityExclusion (provider: ProviderDescriptor, spec: SpecShape): string | undefined {
  if (!provider.enabled) return 'disabled in the catalog'
  if (!supportsLanguage(provider, spec.language)) return `does not run ${spec.language}`
  if (spec.gpu && !provider.gpu) return 'no GPU'
  if (spec.gpu && spec.gpuType !== undefined && !provider.gpuTypes.includes(spec.gpuType)) return `no ${spec.gpuType} GPU`
  if (spec.cpu > provider.maxCpu) return `cpu ${spec.cpu} > limit ${provider.maxCpu}`
  if (spec.memory > provider.maxMemoryMb) return `memory ${spec.memory} MB > limit ${provider.maxMemoryMb} MB`
  if (spec.timeout > provider.maxTimeoutMs) return `timeout ${spec.timeout} ms > limit ${provider.maxTimeoutMs} ms`
  if (spec.stateful && !provider.stateful) return 'not stateful'
  if (spec.region !== undefined && !provider.regions.includes(spec.region)) return `not in region ${spec.region}`
  return undefined
}

/** Capabilities plus the hard constraints that need no prediction (exclude list, requireGpu). */
export function hardExclusion (provider: ProviderDescriptor, spec: SpecShape, constraints: SandboxConstraints): string | undefined {
  if (constraints.excludeProviders.includes(provider.id)) return 'excluded by constraints'
  if (constraints.requireGpu && !provider.gpu) return 'GPU required by constraints'
  return capabilityExclusion(provider, spec)
}

export interface Candidate { provider: ProviderDescriptor, excludedReason: string | undefined }

export function candidates (catalog: ProviderCatalog, spec: SpecShape, constraints: SandboxConstraints): Candidate[] {
  return catalog.providers.map((provider) => ({ provider, excludedReason: hardExclusion(provider, spec, constraints) }))
}

const noneDropped: ReadonlyMap<ProviderId, string> = new Map()

/**
 * Soft preferences narrow the field only when they leave someone standing: preferred providers
 * first, then the preferred region.
 */
export function applyPreferences<T extends { id: ProviderId, regions: readonly string[] }> (eligible: T[], constraints: SandboxConstraints): { kept: T[], dropped: ReadonlyMap<ProviderId, string> } {
  // Most requests state no preference: nothing to filter, nothing to allocate.
  if (constraints.preferredProviders.length === 0 && constraints.preferredRegion === undefined) return { kept: eligible, dropped: noneDropped }
  const dropped = new Map<ProviderId, string>()
  let kept = eligible
  const preferred = kept.filter((p) => constraints.preferredProviders.includes(p.id))
  if (preferred.length > 0) {
    for (const p of kept) if (!preferred.includes(p)) dropped.set(p.id, 'a preferred provider is eligible')
    kept = preferred
  }
  const region = constraints.preferredRegion
  if (region !== undefined) {
    const inRegion = kept.filter((p) => p.regions.includes(region))
    if (inRegion.length > 0) {
      for (const p of kept) if (!inRegion.includes(p)) dropped.set(p.id, `not in preferred region ${region}`)
      kept = inRegion
    }
  }
  return { kept, dropped }
}

export function codeLengthOf (spec: SpecShape): number {
  return spec.codeLength ?? spec.code?.length ?? 0
}
