import type { AbArmResults, AbTestConfig, AbTestResults, SignificanceResult } from '@platform/contracts'
import { abTestActive, summariseSample, twoProportionZTest, welchTTest, type TestResult } from '@platform/router-core'
import type { ArmSamples } from './state/router-store.js'

function meanOf (values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length
}

function mapeOf (actual: number[], predicted: number[]): number | null {
  const errors = actual.flatMap((a, i) => a === 0 ? [] : [Math.abs((predicted[i] as number) - a) / a])
  return meanOf(errors)
}

function arm (samples: ArmSamples): AbArmResults {
  const o = samples.outcomes
  return {
    requests: samples.requests,
    outcomes: o.length,
    meanCostUsd: meanOf(o.map((s) => s.costUsd)),
    meanLatencyMs: meanOf(o.map((s) => s.latencyMs)),
    successRate: meanOf(o.map((s) => s.success ? 1 : 0)),
    costMape: mapeOf(o.map((s) => s.costUsd), o.map((s) => s.predictedCost)),
    latencyMape: mapeOf(o.map((s) => s.latencyMs), o.map((s) => s.predictedLatency))
  }
}

function significance (metric: SignificanceResult['metric'], test: SignificanceResult['test'], result: TestResult): SignificanceResult {
  return { metric, test, difference: result.difference, pValue: result.pValue, significant: result.pValue !== null && result.pValue < 0.05 }
}

/**
 * Per-arm outcomes joined through decisionId, and whether the arms differ: Welch's t-test on
 * realised cost and latency, a two-proportion z-test on success.
 */
export function abResults (test: AbTestConfig, samples: { control: ArmSamples, treatment: ArmSamples }, now: Date): AbTestResults {
  const c = samples.control.outcomes
  const t = samples.treatment.outcomes
  return {
    test,
    active: abTestActive(test, now),
    arms: { control: arm(samples.control), treatment: arm(samples.treatment) },
    significance: [
      significance('costUsd', 'welch-t', welchTTest(summariseSample(c.map((s) => s.costUsd)), summariseSample(t.map((s) => s.costUsd)))),
      significance('latencyMs', 'welch-t', welchTTest(summariseSample(c.map((s) => s.latencyMs)), summariseSample(t.map((s) => s.latencyMs)))),
      significance('success', 'two-proportion-z', twoProportionZTest(c.filter((s) => s.success).length, c.length, t.filter((s) => s.success).length, t.length))
    ]
  }
}
