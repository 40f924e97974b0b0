import type { BidPrediction, BidRequest, CtrPrediction, FraudPrediction, ModelMetadata } from '@platform/contracts'

/** Fraud: the model's probability and the decision at the threshold chosen in training. */
export function fraudAnswer (metadata: ModelMetadata, score: number): FraudPrediction {
  const threshold = metadata.task.kind === 'binary_classifier' ? metadata.task.threshold : 0.5
  return { fraud_score: score, is_fraud: score >= threshold }
}

export function ctrAnswer (_metadata: ModelMetadata, score: number): CtrPrediction {
  return { predicted_ctr: score }
}

/**
 * Bid: the model predicts log1p of the CPM needed to win; the interval adds held-out residual
 * quantiles. Everything is then kept inside [floor, budget cap] (a CPM bid costs CPM/1000 per
 * impression), with no clamp to [0, 1].
 */
export function bidAnswer (metadata: ModelMetadata, raw: number, request: BidRequest): BidPrediction {
  const task = metadata.task
  const [lowResidual, highResidual] = task.kind === 'regressor' ? task.residual_interval : [0, 0]
  const toCpm = (value: number) => task.kind === 'regressor' && task.target_log1p ? Math.expm1(value) : value
  const cap = request.budget_remaining * 1000
  const bound = (cpm: number) => Math.min(cap, Math.max(request.floor_cpm, cpm))
  return {
    optimized_cpm: bound(toCpm(raw)),
    confidence_interval: [bound(toCpm(raw + lowResidual)), bound(toCpm(raw + highResidual))]
  }
}
