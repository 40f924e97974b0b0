import type { AbArm, AbTestConfig, ExecutionRecord, ExportExecutionsQuery, ExportExecutionsResponse, ProviderId } from '@platform/contracts'
import type { ProviderHistory } from '@platform/router-core'

/** What a decision leaves behind so an execution record can later be joined to it by decisionId. */
export interface StoredDecision {
  decisionId: string
  provider: ProviderId
  predictedCost: number
  predictedLatency: number
  /** Lowest predicted expected loss over the candidates (USD), for online regret. */
  bestPredictedLoss: number | null
  modelVersion: string | null
  abTestId: string | null
  arm: AbArm | null
  /** Shadow mode: the treatment model's prediction for the provider actually used. */
  shadow: { predictedCost: number, predictedLatency: number } | null
}

/** An execution record matched with its decision. */
export interface JoinedOutcome {
  decision: StoredDecision
  costUsd: number
  latencyMs: number
  success: boolean
}

export interface ArmSample { costUsd: number, latencyMs: number, success: boolean, predictedCost: number, predictedLatency: number }
export interface ArmSamples { requests: number, outcomes: ArmSample[] }

export interface IngestResult { accepted: number, duplicates: number, joined: JoinedOutcome[] }

/** Thrown when the backing store cannot be reached: nothing was stored or read. */
export class StoreUnavailableError extends Error {
  constructor (cause: unknown) {
    super('router state store unavailable', { cause })
    this.name = 'StoreUnavailableError'
  }
}

/**
 * Telemetry, rolling statistics, the decision log and the A/B configuration. Redis in
 * production (shared by replicas); process memory when no REDIS_URL is set.
 */
export interface RouterStore {
  readonly kind: 'redis' | 'memory'
  /** Whether commands can reach the backing store right now. */
  available (): boolean
  /** Stores new records (duplicates by id ignored) and resolves only once they are stored. */
  ingest (records: readonly ExecutionRecord[]): Promise<IngestResult>
  export (query: ExportExecutionsQuery): Promise<ExportExecutionsResponse>
  /** Best effort, never awaited by routing: a lost decision only loses its join. */
  recordDecision (decision: StoredDecision): void
  abSamples (testId: string): Promise<{ control: ArmSamples, treatment: ArmSamples }>
  /** The shared A/B configuration: null when there is none, undefined when the store has lost it (a restarted Redis). */
  loadAbTest (): Promise<AbTestConfig | null | undefined>
  saveAbTest (config: AbTestConfig | null): Promise<void>
  histories (atMs: number): Promise<Map<ProviderId, ProviderHistory>>
  close (): Promise<void>
}

/** Retry-After for 503s while the store is down. */
export const retryAfterSeconds = 5
