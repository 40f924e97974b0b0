import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { ErrorEnvelope, RouteBatchRequest, RouteBatchResponse, RouteDecision, RouteRequest } from '@platform/contracts'
import { NoEligibleProviderError as DomainNoEligible } from '@platform/router-core'
import type { RoutedDecision } from '@platform/router-engine'
import { NoEligibleProviderError } from '../errors.js'
import { recordDecision } from '../plugins/router-metrics.js'
import type { StoredDecision } from '../state/router-store.js'

function toStored ({ decision, shadow, abTestId }: RoutedDecision): StoredDecision {
  const utilities = decision.alternatives.flatMap((a) => a.eligible && a.utility !== undefined ? [a.utility] : [])
  const shadowPick = shadow?.alternatives.find((a) => a.provider === decision.provider)
  return {
    decisionId: decision.decisionId,
    provider: decision.provider,
    predictedCost: decision.predictedCost,
    predictedLatency: decision.predictedLatency,
    bestPredictedLoss: decision.strategy === 'ml' && utilities.length > 0 ? -Math.max(...utilities) : null,
    modelVersion: decision.modelVersion,
    abTestId: abTestId ?? null,
    arm: decision.arm,
    shadow: shadowPick?.predictedCost === undefined || shadowPick.predictedLatency === undefined
      ? null
      : { predictedCost: shadowPick.predictedCost, predictedLatency: shadowPick.predictedLatency }
  }
}

/** `POST /v1/route` and `POST /v1/route/batch`: thin handlers over the router library. */
export const routeRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Routes requests together (one model pass for a batch); metrics get the time per request. */
  const routeAll = (requests: RouteRequest[]): RouteDecision[] => {
    const started = performance.now()
    let routed: RoutedDecision[]
    try {
      routed = app.mlRouter.routeMany(requests)
    } catch (err) {
      if (err instanceof DomainNoEligible) throw new NoEligibleProviderError(err.alternatives.map((a) => `${a.provider}: ${a.excludedReason ?? 'excluded'}`).join('; '))
      throw err
    }
    const seconds = (performance.now() - started) / 1000 / requests.length
    for (const r of routed) {
      recordDecision(app.routerMetrics, r.decision, seconds)
      app.routerStore.recordDecision(toStored(r))
    }
    return routed.map((r) => r.decision)
  }

  app.post('/v1/route', {
    schema: {
      tags: ['routing'],
      summary: 'Pick the provider for one sandbox request',
      body: RouteRequest,
      response: { 200: RouteDecision, 400: ErrorEnvelope, 422: ErrorEnvelope }
    }
  }, async (request) => routeAll([request.body])[0])

  app.post('/v1/route/batch', {
    schema: {
      tags: ['routing'],
      summary: 'Pick providers for up to 1,000 requests',
      body: RouteBatchRequest,
      response: { 200: RouteBatchResponse, 400: ErrorEnvelope, 422: ErrorEnvelope }
    }
  }, async (request) => ({ decisions: routeAll(request.body.requests) }))
}
