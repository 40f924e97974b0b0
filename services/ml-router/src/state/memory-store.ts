import { providerIds, type AbTestConfig, type ExecutionRecord, type ExportExecutionsQuery, type ExportExecutionsResponse, type ProviderId } from '@platform/contracts'
import { RollingProviderStats, type ProviderHistory } from '@platform/router-core'
import { pageOf } from './export-page.js'
import type { ArmSamples, IngestResult, JoinedOutcome, RouterStore, StoredDecision } from './router-store.js'

/**
 * Everything in process memory, for a single replica with no Redis (the quick start). Bounded:
 * the oldest records and decisions are dropped past the limits. Lost on restart.
 */
export class MemoryStore implements RouterStore {
  readonly kind = 'memory'
  private readonly records: Array<{ seq: number, record: ExecutionRecord }> = []
  private readonly ids = new Set<string>()
  private readonly decisions = new Map<string, StoredDecision>()
  private readonly arms = new Map<string, { control: ArmSamples, treatment: ArmSamples }>()
  private readonly stats = new RollingProviderStats()
  private abTest: AbTestConfig | null = null
  private seq = 0

  constructor (private readonly maxRecords: number, private readonly maxDecisions = 200_000) {}

  async ingest (records: readonly ExecutionRecord[]): Promise<IngestResult> {
    let accepted = 0
    const joined: JoinedOutcome[] = []
    for (const record of records) {
      if (this.ids.has(record.id)) continue
      this.ids.add(record.id)
      this.records.push({ seq: ++this.seq, record })
      accepted++
      const { outcome } = record
      this.stats.add(record.provider, Date.parse(record.submittedAt), outcome.latencyMs, outcome.costUsd, outcome.success)
      const decision = record.decisionId === undefined ? undefined : this.decisions.get(record.decisionId)
      if (decision === undefined) continue
      joined.push({ decision, costUsd: outcome.costUsd, latencyMs: outcome.latencyMs, success: outcome.success })
      if (decision.abTestId !== null && decision.arm !== null) {
        const arms = this.armsOf(decision.abTestId)
        arms[decision.arm].outcomes.push({ ...outcome, predictedCost: decision.predictedCost, predictedLatency: decision.predictedLatency })
        if (decision.shadow !== null) arms.treatment.outcomes.push({ ...outcome, ...decision.shadow })
      }
    }
    while (this.records.length > this.maxRecords) {
      const dropped = this.records.shift()
      if (dropped !== undefined) this.ids.delete(dropped.record.id)
    }
    return { accepted, duplicates: records.length - accepted, joined }
  }

  async export (query: ExportExecutionsQuery): Promise<ExportExecutionsResponse> {
    // The contract admits stream-id cursors too (`n-m`); here only the sequence part means anything.
    const after = query.cursor === undefined ? 0 : Number(query.cursor.split('-')[0])
    const start = this.records.findIndex((r) => r.seq > after)
    const slice = start === -1 ? [] : this.records.slice(start).map((r) => ({ id: String(r.seq), record: r.record }))
    return pageOf(slice, query, true)
  }

  recordDecision (decision: StoredDecision): void {
    this.decisions.set(decision.decisionId, decision)
    if (decision.abTestId !== null && decision.arm !== null) {
      const arms = this.armsOf(decision.abTestId)
      arms[decision.arm].requests++
      if (decision.shadow !== null) arms.treatment.requests++
    }
    if (this.decisions.size > this.maxDecisions) {
      const oldest = this.decisions.keys().next().value
      if (oldest !== undefined) this.decisions.delete(oldest)
    }
  }

  private armsOf (testId: string): { control: ArmSamples, treatment: ArmSamples } {
    let arms = this.arms.get(testId)
    if (arms === undefined) {
      arms = { control: { requests: 0, outcomes: [] }, treatment: { requests: 0, outcomes: [] } }
      this.arms.set(testId, arms)
    }
    return arms
  }

  async abSamples (testId: string): Promise<{ control: ArmSamples, treatment: ArmSamples }> {
    return this.armsOf(testId)
  }

  /** Empty after a restart until the ml-router plugin seeds it from the manifest, which outlives the process. */
  async loadAbTest (): Promise<AbTestConfig | null> {
    return this.abTest
  }

  async saveAbTest (config: AbTestConfig | null): Promise<void> {
    this.abTest = config
  }

  async histories (atMs: number): Promise<Map<ProviderId, ProviderHistory>> {
    return new Map(providerIds.map((id) => [id, this.stats.history(id, atMs)]))
  }

  available (): boolean {
    return true
  }

  async close (): Promise<void> {}
}
