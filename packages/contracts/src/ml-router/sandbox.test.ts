import { describe, expect, it } from 'vitest'
import { ExecutionRecord, ProviderCatalog, RouteRequest, SandboxConstraints } from '../index.js'

describe('ml-router contracts', () => {
  it('fills spec and constraint defaults', () => {
    const parsed = RouteRequest.parse({ spec: { language: 'python', code: 'print(1)' } })
    expect(parsed.spec).toMatchObject({ cpu: 1, memory: 512, timeout: 30_000, gpu: false, requirements: [], stateful: false })
    expect(parsed.constraints).toEqual({ preferredProviders: [], excludeProviders: [], requireGpu: false })
  })

  it('rejects unknown providers with the field path', () => {
    const result = SandboxConstraints.safeParse({ excludeProviders: ['aws-lambda'] })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['excludeProviders', 0])
  })

  it('keeps code out of telemetry records', () => {
    const record = ExecutionRecord.parse({
      id: 'r1',
      provider: 'modal',
      spec: { language: 'python', codeLength: 12, code: 'secret' },
      submittedAt: '2026-01-01T00:00:00Z',
      outcome: { success: true, latencyMs: 100, costUsd: 0.001 }
    })
    expect('code' in record.spec).toBe(false)
  })

  it('refuses a catalog that lists a provider twice', () => {
    const provider = {
      id: 'e2b',
      gpu: false,
      regions: ['us'],
      languages: ['python'],
      maxCpu: 2,
      maxMemoryMb: 1024,
      maxTimeoutMs: 1000,
      stateful: false,
      typicalLatencyMs: 100,
      pricing: { perCpuSecondUsd: 0, perGbSecondUsd: 0, perGpuSecondUsd: 0, perRequestUsd: 0, minimumBilledSeconds: 0 }
    }
    expect(ProviderCatalog.safeParse({ version: '1', providers: [provider, provider] }).success).toBe(false)
  })
})
