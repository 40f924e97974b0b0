#!/usr/bin/env node
import { Command } from 'commander'
import { backtestCommand } from './backtest-command.js'

// The forecaster's command line. Errors from the input (bad CSV, unknown model, series too short)
// are typed errors with a message naming the problem: print that, not a stack trace.
const program = new Command('forecaster')
  .description('Predictive autoscaler next to KEDA: forecasting and capacity-planning tools')
  .addCommand(backtestCommand())

try {
  await program.parseAsync()
} catch (error) {
  process.stderr.write(`forecaster: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
