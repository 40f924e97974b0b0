import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import { FastCounter, FastHistogram } from '@platform/metrics'
import type { ModelEntry } from '../models/model-repository.js'
import { ScoreWindow } from './score-drift.js'
import type { LoadedModel } from '../models/model-loader.js'

const requestStatuses = ['ok', 'error'] as const
export type RequestStatus = typeof requestStatuses[number]
const errorTypes = ['not_loaded', 'run_failed', 'load_failed', 'shadow_failed'] as const
export type InferenceErrorType = typeof errorTypes[number]
/** The `version` label of a request for a model with no loaded version (there is none to name). */
export const unloadedVersion = 'none'
/**
 * PSI is exported once a version's window holds this many scores. With 10 decile bins, the PSI of
 * n scores drawn from the reference itself averages about 9/n (8.3 for one score); at 500 its
 * 99.9th percentile is about 0.06, under the 0.1 watch line and far from the 0.2 alert.
 */
export const minDriftScores = 500

/** The recorder routes and the repository call; Prometheus-backed in the service, a fake in tests. */
export interface InferenceMetrics {
  request(model: string, version: string, status: RequestStatus, seconds: number): void
  error(model: string, type: InferenceErrorType): void
  scores(model: LoadedModel, scores: ArrayLike<number>): void
  batch(model: string, version: string, rows: number): void
  shadow(model: string, primary: string, shadow: string, difference: number): void
  loaded(model: LoadedModel): void
  snapshot(models: ReadonlyMap<string, ModelEntry>): void
}

// Sub-millisecond buckets: a coalesced one-row tree or linear model answers in tens of microseconds.
const durationBuckets = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5]
const scoreBuckets = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1, 2, 5, 10]

/**
 * The seed's metric names, with bounded labels: model and version come from the repository
 * (a handful), never a user, IP or request id. In a cluster the primary sums counters and
 * histograms across workers; gauges that describe the shared model set take the max
 * (`ml_model_loaded` the min).
 */
export function prometheusInferenceMetrics (registry: Registry, requiredModels: readonly string[] = []): InferenceMetrics {
  const registers = [registry]
  // Fast* for what every request records (see @platform/metrics); prom-client's own for the rest.
  const requests = new FastCounter({ name: 'ml_inference_requests_total', help: 'Prediction requests by model version and outcome', labelNames: ['model', 'version', 'status'], registers })
  const duration = new FastHistogram({ name: 'ml_inference_duration_seconds', help: 'Time from parsed request to answer, including batching', labelNames: ['model', 'version'], buckets: durationBuckets, registers })
  const errors = new Counter({ name: 'ml_inference_errors_total', help: 'Inference errors by model and kind', labelNames: ['model', 'error_type'], registers })
  const loadTime = new Gauge({ name: 'ml_model_load_time_seconds', help: 'Load, check and warm-up time of each loaded model version', labelNames: ['model', 'version'], registers, aggregator: 'max' })
  const active = new Gauge({ name: 'ml_active_models', help: 'Model versions loaded and serving', registers, aggregator: 'max' })
  // Per model, so one missing model shows beside loaded ones. Names come from REQUIRED_MODELS,
  // MODEL_DIR and the fixed /predict routes (OIP 404s unknown names before any metric). Min across
  // workers: one worker without the model already fails its share of requests.
  const modelLoaded = new Gauge({ name: 'ml_model_loaded', help: '1 while the model has a loaded version; 0 when a required, once loaded, refused or requested model has none', labelNames: ['model'], registers, aggregator: 'min' })
  const known = new Set<string>(requiredModels)
  const batchSize = new FastHistogram({ name: 'ml_inference_batch_size', help: 'Rows per session.run (micro-batches and batch requests)', labelNames: ['model', 'version'], buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000], registers })
  const scoreHistogram = new FastHistogram({ name: 'ml_prediction_score', help: 'Raw model scores (probability, or log1p CPM for bids)', labelNames: ['model', 'version'], buckets: scoreBuckets, registers })
  const shadowDiff = new Histogram({ name: 'ml_shadow_score_difference', help: 'Absolute score difference between the answering and the shadow version', labelNames: ['model', 'primary_version', 'shadow_version'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1], registers })
  // Per loaded version: its recent-score window and its score histogram child (a batch observes
  // 1,000 scores; resolving the labels once per version, not per score, keeps that cheap).
  const windows = new Map<LoadedModel, { window: ScoreWindow, histogram: { observe: (value: number) => void } }>()
  // PSI is computed at scrape time from each version's recent-score window.
  const drift = new Gauge({
    name: 'ml_prediction_drift_psi',
    help: 'Population stability index of recent scores against the training reference distribution',
    labelNames: ['model', 'version'],
    registers,
    aggregator: 'average',
    collect () {
      this.reset()
      for (const [model, { window }] of windows) if (window.size >= minDriftScores) this.set({ model: model.name, version: model.version }, window.psi())
    }
  })
  void drift
  return {
    request: (model, version, status, seconds) => {
      requests.inc({ model, version, status })
      duration.observe({ model, version }, seconds)
    },
    error: (model, type) => {
      errors.inc({ model, error_type: type })
      // A refusal is settled by the snapshot that follows it; a request for it means none is loaded now.
      if (type === 'load_failed' || type === 'not_loaded') known.add(model)
      if (type === 'not_loaded') modelLoaded.set({ model }, 0)
    },
    scores: (model, scores) => {
      const recorded = windows.get(model)
      // A version retired by a reload may still finish in-flight requests: histogram only.
      const histogram = recorded?.histogram ?? scoreHistogram.child({ model: model.name, version: model.version })
      for (let i = 0; i < scores.length; i++) {
        const score = scores[i] ?? 0
        histogram.observe(score)
        recorded?.window.add(score)
      }
    },
    batch: (model, version, rows) => batchSize.observe({ model, version }, rows),
    shadow: (model, primary, shadow, difference) => shadowDiff.observe({ model, primary_version: primary, shadow_version: shadow }, difference),
    loaded: (model) => {
      // Series exist at 0 from the first scrape, so rate() and increase() alerts see the first event.
      for (const status of requestStatuses) requests.inc({ model: model.name, version: model.version, status }, 0)
      for (const type of errorTypes) errors.inc({ model: model.name, error_type: type }, 0)
      duration.zero({ model: model.name, version: model.version })
      loadTime.set({ model: model.name, version: model.version }, model.loadSeconds)
      windows.set(model, { window: new ScoreWindow(model.metadata.reference_distribution), histogram: scoreHistogram.child({ model: model.name, version: model.version }) })
    },
    snapshot: (models) => {
      const live = new Set([...models.values()].flatMap((entry) => [...entry.versions.values()]))
      for (const model of windows.keys()) {
        if (!live.has(model)) {
          windows.delete(model)
          if (![...live].some((m) => m.name === model.name && m.version === model.version)) loadTime.remove({ model: model.name, version: model.version })
        }
      }
      active.set(live.size)
      for (const name of models.keys()) known.add(name)
      for (const name of known) {
        const loaded = models.has(name)
        modelLoaded.set({ model: name }, loaded ? 1 : 0)
        // Its 503s are counted under version "none": start that series at 0 for rate() alerts.
        if (!loaded) requests.inc({ model: name, version: unloadedVersion, status: 'error' }, 0)
      }
    }
  }
}
