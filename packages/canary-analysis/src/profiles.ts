/**
 * Which metrics describe a deployable. `http` fits every service (the kit's HTTP metrics, code
 * canaries); `model` fits a model version inside ml-inference (model canaries), and adds the
 * prediction-score histogram whose shift the analysis measures.
 */
export interface Profile {
  requests: string
  /** Matcher that selects failed requests among `requests`. */
  errorMatcher: string
  /** Histogram (base name) of request durations. */
  duration: string
  /** Histogram (base name) of prediction scores, when the deployable is a model. */
  scores?: string
  /** Matcher that leaves out what is not the deployable's traffic (probes, scrapes), when the metrics hold both. */
  traffic?: string
}

export const profiles = {
  // Kubernetes probes, Prometheus scrapes and the API docs would dilute a canary's errors and latency.
  http: { requests: 'http_requests_total', errorMatcher: 'status_code=~"5.."', duration: 'http_request_duration_seconds', traffic: 'route!~"/healthz|/readyz|/metrics|/docs.*|/health/.*|/v2/health/.*"' },
  model: { requests: 'ml_inference_requests_total', errorMatcher: 'status="error"', duration: 'ml_inference_duration_seconds', scores: 'ml_prediction_score' }
} as const satisfies Record<string, Profile>

export type ProfileName = keyof typeof profiles

/** A profile's own name (not `toString` or another property every object inherits). */
export const isProfileName = (name: string): name is ProfileName => Object.hasOwn(profiles, name)
