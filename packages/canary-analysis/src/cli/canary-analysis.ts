#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { analyse } from '../analyse.js'
import { isProfileName, profiles } from '../profiles.js'
import { formatAnalysis } from '../report.js'

const usage = `canary-analysis --prometheus URL --canary 'MATCHERS' --stable 'MATCHERS' [options]

Compares the canary with the stable version over a window and exits:
  0 promote   1 roll back   2 inconclusive (too little traffic or too few scores) or error

  --prometheus URL         Prometheus base URL (env PROMETHEUS_URL)
  --canary MATCHERS        label matchers of the canary, e.g. 'service="ml-router",version="0.2.0"'
  --stable MATCHERS        label matchers of the stable version
  --profile http|model     http: the services' HTTP metrics (code canaries, default);
                           model: ml_inference_* and the prediction-score shift (model canaries)
  --window 10m             PromQL range to compare over
  --min-requests 100       --max-error-rate-increase 0.01   --max-p95-ratio 1.2
  --p95-slack 0.005        --max-score-psi 0.2              --min-scores 500
  --json`

const number = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n)) throw new Error(`--${name}: "${value}" is not a number`)
  return n
}

async function main (): Promise<number> {
  const { values } = parseArgs({
    options: {
      prometheus: { type: 'string', default: process.env.PROMETHEUS_URL },
      canary: { type: 'string' },
      stable: { type: 'string' },
      profile: { type: 'string', default: 'http' },
      window: { type: 'string', default: '10m' },
      'min-requests': { type: 'string' },
      'max-error-rate-increase': { type: 'string' },
      'max-p95-ratio': { type: 'string' },
      'p95-slack': { type: 'string' },
      'max-score-psi': { type: 'string' },
      'min-scores': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  if (values.prometheus === undefined || values.canary === undefined || values.stable === undefined) throw new Error(`--prometheus, --canary and --stable are required\n\n${usage}`)
  if (!isProfileName(values.profile)) throw new Error(`--profile: "${values.profile}" is not one of ${Object.keys(profiles).join(', ')}`)
  const thresholds = Object.fromEntries(Object.entries({
    minRequests: number(values['min-requests'], 'min-requests'),
    maxErrorRateIncrease: number(values['max-error-rate-increase'], 'max-error-rate-increase'),
    maxP95Ratio: number(values['max-p95-ratio'], 'max-p95-ratio'),
    p95SlackSeconds: number(values['p95-slack'], 'p95-slack'),
    maxScorePsi: number(values['max-score-psi'], 'max-score-psi'),
    minScores: number(values['min-scores'], 'min-scores')
  }).filter(([, v]) => v !== undefined))
  const result = await analyse({ prometheusUrl: values.prometheus, profile: values.profile, canary: values.canary, stable: values.stable, window: values.window, thresholds })
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${formatAnalysis(result)}\n`)
  return result.decision === 'promote' ? 0 : result.decision === 'rollback' ? 1 : 2
}

main().then((code) => { process.exitCode = code }, (err: unknown) => {
  process.stderr.write(`canary-analysis: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exitCode = 2
})
