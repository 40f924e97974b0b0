import { loadConfig, packageVersion, runService, startOrExit } from '@platform/service-kit'
import { Config } from './config.js'

// Each prediction scores at most nine rows: OpenMP worker threads only add hand-off latency (and
// spin under CPU contention), so serving predicts on one thread unless the operator says otherwise.
// OpenMP reads this when LightGBM's library loads, hence before the app (and the addon) is imported.
process.env.OMP_NUM_THREADS ??= '1'
const { buildApp } = await import('./app.js')

startOrExit(async () => {
  const config = loadConfig(Config, process.env)
  const app = await buildApp(config, { version: packageVersion(import.meta.url), prettyLogs: process.stdout.isTTY })
  await runService(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
})
