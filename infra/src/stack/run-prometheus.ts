import { readFileSync } from 'node:fs'
import { startPrometheus } from '@platform/test-harness'
import { parse } from 'yaml'
import { prometheusDir, ruleFiles } from '../prometheus/promtool.js'

// `pnpm --filter @platform/infra stack:prometheus`: the OS package's Prometheus scraping the three
// services where `pnpm stack` runs them (infra/prometheus/prometheus.yml) with the real rules.
// Runs until Ctrl-C; its data lives in a temp dir removed on exit.
const config = parse(readFileSync(`${prometheusDir}prometheus.yml`, 'utf8')) as { scrape_configs: object[] }
const prometheus = await startPrometheus({ scrapeConfigs: config.scrape_configs, ruleFiles: ruleFiles() })
process.stdout.write(`prometheus ${prometheus.url}  (alerts: ${prometheus.url}/alerts, targets: ${prometheus.url}/targets)\n`)
const stop = () => { prometheus.stop().then(() => process.exit(0), () => process.exit(1)) }
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
