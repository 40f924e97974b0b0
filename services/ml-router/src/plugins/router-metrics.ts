import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import { FastCounter, FastHistogram } from '@platform/metrics'
import { fp } from '@platform/service-kit'
import type { RouteDecision } from '@platform/contracts'
import type { DecisionRecorder } from '@platform/router-engine'
import type { JoinedOutcome, RouterStore } from '../state/router-store.js'

const subMillisecond = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05]

/**
 * Every ml-router metric family, declared together (one module per concern). What every routing
 * request records uses @platform/metrics' Fast* (labels resolved once); the rest prom-client's own.
 */
export function createRouterMetrics (registry: Registry, store: Pick<RouterStore, 'kind' | 'available'>) {
  const registers = [registry]
  return {
    predictions: new FastCounter({ name: 'router_predictions_total', help: 'Routing decisions by model version, strategy, provider and A/B arm', labelNames: ['model_version', 'strategy', 'provider', 'arm'] as const, registers }),
    fallbacks: new FastCounter({ name: 'router_fallbacks_total', help: 'Decisions answered by the rule-based router, by reason', labelNames: ['reason'] as const, registers }),
    confidence: new FastHistogram({ name: 'router_confidence', help: 'Confidence of the model in its pick whenever a model scored the request (before any fallback)', labelNames: [], buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1], registers }).child({}),
    costError: new Histogram({ name: 'router_cost_error_ratio', help: '(realised - predicted) / predicted cost of joined outcomes', labelNames: ['strategy'] as const, buckets: [-0.5, -0.25, -0.1, -0.05, 0, 0.05, 0.1, 0.25, 0.5, 1, 2], registers }),
    latencyError: new Histogram({ name: 'router_latency_error_ratio', help: '(realised - predicted) / predicted latency of joined outcomes', labelNames: ['strategy'] as const, buckets: [-0.5, -0.25, -0.1, -0.05, 0, 0.05, 0.1, 0.25, 0.5, 1, 2], registers }),
    regret: new Histogram({ name: 'router_selection_regret_usd', help: 'Realised loss of the chosen provider minus the best predicted loss among candidates (USD)', buckets: [0, 0.00001, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05], registers }),
    predictionSeconds: new FastHistogram({ name: 'router_prediction_duration_seconds', help: 'Time to route one request (features, models, utility)', labelNames: [], buckets: subMillisecond, registers }).child({}),
    featureSeconds: new FastHistogram({ name: 'router_feature_extraction_duration_seconds', help: 'Time to write the candidate feature rows of one request the model scores (a batch is timed once and shared out per request)', labelNames: [], buckets: subMillisecond, registers }).child({}),
    modelLoadSeconds: new Histogram({ name: 'router_model_load_duration_seconds', help: 'Time to load and verify one model version', buckets: [0.01, 0.05, 0.1, 0.5, 1, 5], registers }),
    modelLoadFailures: new Counter({ name: 'router_model_load_failures_total', help: 'Model versions refused at load (corrupt, mismatched feature schema, missing files)', registers }),
    armOutcomes: new Counter({ name: 'router_ab_outcomes_total', help: 'Executions joined to an A/B decision, by arm and result', labelNames: ['arm', 'result'] as const, registers }),
    armLoss: new Counter({ name: 'router_ab_realised_loss_usd_total', help: 'Realised loss (cost + priced latency + failure penalty, USD) of executions joined to an A/B decision, by arm', labelNames: ['arm'] as const, registers }),
    storeUp: new Gauge({
      name: 'router_store_up',
      help: '1 while the state store (Redis or memory) accepts commands, else 0',
      labelNames: ['store'] as const,
      registers,
      collect () { this.set({ store: store.kind }, store.available() ? 1 : 0) }
    }),
    cacheHits: new FastCounter({ name: 'router_stats_cache_hits_total', help: 'Provider statistics served from the in-process cache', labelNames: [], registers }).child({}),
    cacheMisses: new FastCounter({ name: 'router_stats_cache_misses_total', help: 'Provider statistics cache expired or empty (a refresh from the store started)', labelNames: [], registers }).child({}),
    telemetryRecords: new Counter({ name: 'router_telemetry_records_total', help: 'Execution records received, by result', labelNames: ['result'] as const, registers })
  }
}
export type RouterMetrics = ReturnType<typeof createRouterMetrics>

/** A bounded label for why the rule-based router answered. */
export function fallbackReason (reason: string): string {
  if (reason.startsWith('no model')) return 'no_model'
  if (reason.startsWith('model error')) return 'model_error'
  if (reason.startsWith('model rejected')) return 'model_rejected'
  if (reason.includes('confidence')) return 'low_confidence'
  if (reason.includes('maxCost/maxLatency')) return 'constraint_unmet'
  if (reason.startsWith('A/B')) return 'ab_model_missing'
  return 'other'
}

/**
 * What the router library reports while it decides: the model's confidence before a fallback can
 * replace it (a decision only carries the final one), and the feature rows' time.
 */
export function decisionRecorder (metrics: RouterMetrics): DecisionRecorder {
  return {
    featureSeconds: (seconds) => metrics.featureSeconds.observe(seconds),
    modelConfidence: (confidence) => metrics.confidence.observe(confidence)
  }
}

export function recordDecision (metrics: RouterMetrics, decision: RouteDecision, seconds: number): void {
  metrics.predictions.inc({ model_version: decision.modelVersion ?? 'none', strategy: decision.strategy, provider: decision.provider, arm: decision.arm ?? 'none' })
  metrics.predictionSeconds.observe(seconds)
  if (decision.strategy === 'rule-based') metrics.fallbacks.inc({ reason: fallbackReason(decision.reason) })
}

export function recordJoined (metrics: RouterMetrics, joined: readonly JoinedOutcome[], realisedLoss: (o: JoinedOutcome) => number): void {
  for (const o of joined) {
    const strategy = o.decision.modelVersion === null ? 'rule-based' : 'ml'
    if (o.decision.predictedCost > 0) metrics.costError.observe({ strategy }, (o.costUsd - o.decision.predictedCost) / o.decision.predictedCost)
    if (o.decision.predictedLatency > 0) metrics.latencyError.observe({ strategy }, (o.latencyMs - o.decision.predictedLatency) / o.decision.predictedLatency)
    const loss = realisedLoss(o)
    if (o.decision.bestPredictedLoss !== null) metrics.regret.observe(Math.max(0, loss - o.decision.bestPredictedLoss))
    if (o.decision.arm !== null) {
      metrics.armOutcomes.inc({ arm: o.decision.arm, result: o.success ? 'success' : 'failure' })
      metrics.armLoss.inc({ arm: o.decision.arm }, loss)
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    routerMetrics: RouterMetrics
  }
}

export const routerMetricsPlugin = fp(async (app) => {
  app.decorate('routerMetrics', createRouterMetrics(app.metricsRegistry, app.routerStore))
}, { name: 'router-metrics', dependencies: ['router-store'] })
