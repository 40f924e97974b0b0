import { type handleServerStreamingCall, type handleUnaryCall, type ServerWritableStream, status as Status, type UntypedServiceImplementation } from '@grpc/grpc-js'
import { WorkloadName } from '@platform/contracts'
import type { ForecasterMetrics } from '../forecaster-metrics.js'
import type { ForecastReader } from '../plugins/forecast-reader.js'
import type { GetMetricsRequest, ScaledObjectRef } from './external-scaler-proto.js'
import { type SafeValue, type ScalerAnswer, scalerAnswer } from './scaler-answer.js'

export interface ScalerDeps {
  reader: ForecastReader
  metrics: ForecasterMetrics
  safeValue: SafeValue
  /** How often StreamIsActive re-evaluates. */
  streamPollMs?: number
  now?: () => number
}

class ScalerError extends Error {
  constructor (readonly code: Status, message: string) {
    super(message)
  }
}

/** The workload named by `scalerMetadata.workload`, else by the ScaledObject's name. */
function workloadOf (ref: ScaledObjectRef | null | undefined): string {
  const name = ref?.scalerMetadata?.workload ?? ref?.name ?? ''
  if (!WorkloadName.safeParse(name).success) throw new ScalerError(Status.INVALID_ARGUMENT, `invalid workload name "${name}": set scalerMetadata.workload to a configured workload`)
  return name
}

/**
 * KEDA External Scaler handlers: proto messages in, answers from the forecast reader out. The
 * replica plan is the metric and the target is 1, which is what an AverageValue HPA expects.
 */
export function scalerHandlers (deps: ScalerDeps): UntypedServiceImplementation {
  const now = deps.now ?? Date.now
  const answer = async (workload: string): Promise<ScalerAnswer> => {
    const current = await deps.reader.current(workload)
    if (current === undefined) throw new ScalerError(Status.NOT_FOUND, `workload "${workload}" is not configured`)
    if (current.snapshot === undefined) {
      deps.metrics.safeAnswers.inc({ workload, reason: 'missing' })
      throw new ScalerError(Status.UNAVAILABLE, `workload "${workload}" has no forecast yet`)
    }
    const result = scalerAnswer(current.snapshot, now(), deps.safeValue)
    if (result.safe !== undefined) deps.metrics.safeAnswers.inc({ workload, reason: result.safe })
    return result
  }

  /** Wraps a unary handler with error mapping and the per-method metrics. */
  function unary<Req, Res> (method: string, ref: (req: Req) => ScaledObjectRef | null | undefined, run: (workload: string, req: Req) => Promise<Res>): handleUnaryCall<Req, Res> {
    return (call, callback) => {
      const began = performance.now()
      let workload = ''
      const done = (code: Status, err: Error | null, value?: Res): void => {
        deps.metrics.grpcRequests.inc({ method, status: Status[code], workload })
        deps.metrics.grpcDuration.observe({ method }, (performance.now() - began) / 1000)
        if (err === null) callback(null, value)
        else callback({ code, details: err.message })
      }
      Promise.resolve().then(async () => {
        workload = workloadOf(ref(call.request))
        return await run(workload, call.request)
      }).then((value) => { done(Status.OK, null, value) }, (err: unknown) => {
        // Unknown workloads are not used as a label value: only configured names are.
        if (err instanceof ScalerError && err.code === Status.NOT_FOUND) workload = ''
        done(err instanceof ScalerError ? err.code : Status.INTERNAL, err instanceof Error ? err : new Error(String(err)))
      })
    }
  }

  const metricName = (ref: ScaledObjectRef | null | undefined, workload: string): string => ref?.scalerMetadata?.metricName ?? `forecaster-${workload}`

  const streamIsActive: handleServerStreamingCall<ScaledObjectRef, { result: boolean }> = (call: ServerWritableStream<ScaledObjectRef, { result: boolean }>) => {
    // An 'error' event is how grpc-js ends a server stream with a status (destroy() sends none).
    const fail = (err: ScalerError): void => { call.emit('error', { code: err.code, details: err.message }) }
    let workload: string
    try {
      workload = workloadOf(call.request)
    } catch (err) {
      fail(err as ScalerError)
      return
    }
    let last: boolean | undefined
    const poll = async (): Promise<void> => {
      // Like IsActive: no forecast yet (or any other failure) keeps the app active; an unknown workload ends the stream.
      const active = await answer(workload).then((a) => a.active, (err: unknown) => err instanceof ScalerError && err.code === Status.NOT_FOUND ? err : true)
      if (active instanceof ScalerError) {
        clearInterval(timer)
        fail(active)
        return
      }
      if (active !== last && !call.cancelled) call.write({ result: active })
      last = active
    }
    const timer = setInterval(() => { void poll() }, deps.streamPollMs ?? 5_000)
    void poll()
    call.on('cancelled', () => clearInterval(timer))
    call.on('close', () => clearInterval(timer))
  }

  return {
    IsActive: unary<ScaledObjectRef, { result: boolean }>('IsActive', (req) => req, async (workload) => {
      // No forecast yet (UNAVAILABLE) must not deactivate the app either.
      const result = await answer(workload).catch((err: unknown) => {
        if (err instanceof ScalerError && err.code === Status.UNAVAILABLE) return { active: true }
        throw err
      })
      return { result: result.active }
    }),
    StreamIsActive: streamIsActive,
    GetMetricSpec: unary<ScaledObjectRef, unknown>('GetMetricSpec', (req) => req, async (workload, req) => {
      if (await deps.reader.current(workload) === undefined) throw new ScalerError(Status.NOT_FOUND, `workload "${workload}" is not configured`)
      return { metricSpecs: [{ metricName: metricName(req, workload), targetSize: 1, targetSizeFloat: 1 }] }
    }),
    GetMetrics: unary<GetMetricsRequest, unknown>('GetMetrics', (req) => req.scaledObjectRef, async (workload, req) => {
      const { value } = await answer(workload)
      const name = req.metricName === '' ? metricName(req.scaledObjectRef, workload) : req.metricName
      return { metricValues: [{ metricName: name, metricValue: value, metricValueFloat: value }] }
    })
  }
}
