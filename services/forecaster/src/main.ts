import { readFileSync } from 'node:fs'
import { loadConfig, packageVersion, runService, startOrExit } from '@platform/service-kit'
import { buildApp } from './app.js'
import { Config, flagsToEnv } from './config.js'
import { loadWorkloads } from './workloads/load-workloads.js'

startOrExit(async () => {
  // The seed's flags (--model, --prom-url, ...) override the environment variables they name.
  const config = loadConfig(Config, { ...process.env, ...flagsToEnv(process.argv.slice(2)) })
  const workloads = loadWorkloads(config, (path) => readFileSync(path, 'utf8'))
  const app = await buildApp(config, { version: packageVersion(import.meta.url), prettyLogs: process.stdout.isTTY, workloads })
  await runService(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
})
