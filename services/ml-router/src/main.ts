import { loadConfig, packageVersion, runService, startOrExit } from '@platform/service-kit'
import { buildApp } from './app.js'
import { Config } from './config.js'

startOrExit(async () => {
  const config = loadConfig(Config, process.env)
  const app = await buildApp(config, { version: packageVersion(import.meta.url), prettyLogs: process.stdout.isTTY })
  await runService(app, { host: config.HOST, port: config.PORT, graceMs: config.SHUTDOWN_GRACE_MS })
})
