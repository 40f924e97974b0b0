import { isDeepStrictEqual } from 'node:util'
import { parentPort } from 'node:worker_threads'
import { BuiltinForecaster } from './builtin-forecaster.js'
import type { FitReply, FitRequest } from './fit-messages.js'

/**
 * A fit worker: keeps each workload's fitted model between ticks (so update() still avoids a full
 * refit) and runs fits, updates and forecasts off the service's event loop.
 */
const port = parentPort
if (port === null) throw new Error('fit-worker must run in a worker thread')
const forecasters = new Map<string, BuiltinForecaster>()

port.on('message', (request: FitRequest) => {
  if (request.kind === 'forget') {
    forecasters.delete(request.key)
    return
  }
  let reply: FitReply
  try {
    let forecaster = forecasters.get(request.key)
    if (forecaster === undefined || !isDeepStrictEqual(forecaster.options, request.options)) {
      forecaster = new BuiltinForecaster(request.options)
      forecasters.set(request.key, forecaster)
    }
    reply = { id: request.id, run: forecaster.run(request.series, request.nowMs, request.levels) }
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) } }
  }
  port.postMessage(reply)
})
