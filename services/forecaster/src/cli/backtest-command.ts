import { readFileSync, writeFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { formatBacktestReport } from '@platform/forecasting'
import { parseDurationSeconds, parsePositive, parseQuantiles } from './durations.js'
import { terminalProgress } from './progress-bar.js'
import { runBacktest } from './run-backtest.js'

interface CommandOptions {
  input: string
  model: string
  horizon: number
  step?: number
  window: number
  quantiles: number[]
  targetPerPod?: number
  podStartup: number
  json?: boolean
  svg?: string
}

/** A duration option whose default is shown as written (`30m`) and parsed like the user's value. */
function duration (flags: string, description: string, fallback: string): Option {
  return new Option(flags, description).argParser(parseDurationSeconds).default(parseDurationSeconds(fallback), fallback)
}

/** `forecaster backtest`: walk-forward accuracy and autoscaling replay of one CSV series. */
export function backtestCommand (): Command {
  return new Command('backtest')
    .description('Walk-forward backtest of a model on a `timestamp,value` CSV (RFC 3339 or unix seconds) over its last 25%, ' +
      'origins every hour, beside persistence and seasonal naive (day, week); then an autoscaling replay of the ' +
      'capacity planner against a reactive HPA.')
    .requiredOption('--input <file>', 'CSV file with a timestamp,value header')
    .option('--model <name>', 'model to evaluate (auto, baseline, holt-winters, arima, mstl, ensemble, ...)', 'auto')
    .addOption(duration('--horizon <duration>', 'forecast horizon', '30m'))
    .option('--step <duration>', 'series step; samples are aligned onto this grid (default: inferred from the timestamps)', parseDurationSeconds)
    .addOption(duration('--window <duration>', 'history the model sees before each origin', '14d'))
    .addOption(new Option('--quantiles <levels>', 'quantile levels to score').argParser(parseQuantiles).default([0.5, 0.9], '0.5,0.9'))
    .option('--target-per-pod <load>', 'load one replica serves (default: the 95th percentile / 20)', parsePositive)
    .addOption(duration('--pod-startup <duration>', 'time from asking for a replica to its readiness', '5m'))
    .option('--json', 'print the report as JSON instead of tables')
    .option('--svg <file>', 'write a chart of actual load, forecast band, planned and reactive replicas')
    .action((o: CommandOptions) => {
      const progress = terminalProgress()
      const outcome = (() => {
        try {
          return runBacktest(readFileSync(o.input, 'utf8'), {
            model: o.model,
            horizonSeconds: o.horizon,
            ...(o.step === undefined ? {} : { stepSeconds: o.step }),
            windowSeconds: o.window,
            quantiles: o.quantiles,
            ...(o.targetPerPod === undefined ? {} : { targetPerPod: o.targetPerPod }),
            podStartupSeconds: o.podStartup,
            chart: o.svg !== undefined
          }, progress)
        } finally {
          progress.stop()
        }
      })()
      if (o.svg !== undefined && outcome.svg !== undefined) writeFileSync(o.svg, outcome.svg)
      process.stdout.write(o.json === true ? `${JSON.stringify(outcome.report, null, 2)}\n` : `${formatBacktestReport(outcome.report)}\n`)
    })
}
