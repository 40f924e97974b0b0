import type { ProviderId, RouteAlternative } from '@platform/contracts'

/** What a router (rule-based or model-based) decided, before the service adds ids, arm and reason. */
export interface RoutingResult {
  provider: ProviderId
  predictedCost: number
  predictedLatency: number
  confidence: number
  alternatives: RouteAlternative[]
}

/** No provider can run the spec under its constraints; `alternatives` says why each was excluded. */
export class NoEligibleProviderError extends Error {
  constructor (readonly alternatives: RouteAlternative[]) {
    super(`no provider can run this spec: ${alternatives.map((a) => `${a.provider} (${a.excludedReason ?? 'excluded'})`).join(', ')}`)
    this.name = 'NoEligibleProviderError'
  }
}
