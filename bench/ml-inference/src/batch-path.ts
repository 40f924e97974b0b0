import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { FraudBatchRequest, type FraudRequest } from '@platform/contracts'
import { loadConfig } from '@platform/service-kit'
import { buildApp } from 'ml-inference/app'
import { Config } from 'ml-inference/config'

export interface StageResult {
  stage: string
  msPer1000: number
  /** CPU time of this process per 1,000 rows: steadier than wall time on a shared, busy machine. */
  cpuMsPer1000: number
  rowsPerSecond: number
}

const models = fileURLToPath(new URL('../../../services/ml-inference/models', import.meta.url))

/** 1,000 fraud rows: two humans in three, bots otherwise, spread over 300 /16 networks and 50 apps. */
export function fraudRows (count = 1000): FraudRequest[] {
  return Array.from({ length: count }, (_, i) => i % 3 === 0
    ? { user_id: `bot-${i}`, ip_address: `34.${i % 150}.${i % 200}.9`, user_agent: 'python-requests/2.31.0', impressions_24h: 2000 + i, clicks_24h: 300 + (i % 200), app_id: `app-${i % 50}`, device_info: { os: 'linux', emulator: true } }
    : { user_id: `user-${i}`, ip_address: `86.${i % 150}.${i % 250}.4`, user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X)', impressions_24h: 10 + (i % 500), clicks_24h: i % 7, app_id: `app-${i % 50}`, device_info: { os: 'ios', emulator: false } })
}

async function timed (stage: string, seconds: number, rows: number, run: () => unknown): Promise<StageResult> {
  for (let i = 0; i < 20; i++) await run()
  let calls = 0
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  const until = started + (seconds * 1000)
  while (performance.now() < until) {
    await run()
    calls++
  }
  const msPerCall = (performance.now() - started) / calls
  const cpu = process.cpuUsage(cpuStarted)
  const cpuMsPerCall = (cpu.user + cpu.system) / 1000 / calls
  return { stage, msPer1000: msPerCall * (1000 / rows), cpuMsPer1000: cpuMsPerCall * (1000 / rows), rowsPerSecond: (rows * 1000) / msPerCall }
}

/**
 * The `/predict/fraud/batch` path in one process, stage by stage, on the committed default fraud
 * model: where a 1,000-row request spends its time without the network or a load generator.
 */
export async function measureBatchPath (seconds: number): Promise<StageResult[]> {
  const app = await buildApp(loadConfig(Config, { LOG_LEVEL: 'silent', MODEL_WATCH: 'false', MODEL_DIR: models, WORKERS: '1' }), { version: 'bench' })
  try {
    await app.ready()
    await app.initialModelLoad
    const entry = app.modelRepository.models.get('fraud')
    const model = entry?.versions.get(entry.defaultVersion)
    if (model === undefined) throw new Error('the fraud model did not load')
    const rows = fraudRows()
    const body = JSON.stringify({ instances: rows })
    const compiled = z.compile(FraudBatchRequest)
    const matrix = new Float32Array(rows.length * model.pipeline.width)
    const request = { method: 'POST' as const, url: '/predict/fraud/batch', payload: body, headers: { 'content-type': 'application/json' } }
    const results = [
      await timed('JSON.parse of the body', seconds, rows.length, () => JSON.parse(body)),
      await timed('validation (compiled zod)', seconds, rows.length, () => compiled.parse({ instances: rows })),
      await timed('encode into a reused matrix (feature pipeline)', seconds, rows.length, () => {
        for (let i = 0; i < rows.length; i++) model.pipeline.encodeInto(rows[i] ?? {}, matrix, i)
      }),
      await timed(`encode + session.run (fraud ${model.version})`, seconds, rows.length, async () => model.scoreRows(rows)),
      await timed('whole request via inject (parse, validate, score, serialise)', seconds, rows.length, async () => {
        const response = await app.inject(request)
        if (response.statusCode !== 200) throw new Error(`batch answered ${response.statusCode}`)
      })
    ]
    return results
  } finally {
    await app.close()
  }
}
