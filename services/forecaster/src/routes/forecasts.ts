import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { ErrorEnvelope, ForecastQuery, ForecastSnapshot } from '@platform/contracts'
import { ForecastNotReadyError, UnknownWorkloadError } from '../errors.js'

/** `GET /forecast/current?workload=`: the seed's path for the latest forecast and plan. */
export const forecastRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/forecast/current', {
    schema: {
      summary: 'Latest forecast and replica plan of a workload',
      querystring: ForecastQuery,
      response: { 200: ForecastSnapshot, 404: ErrorEnvelope, 503: ErrorEnvelope }
    }
  }, async (request) => {
    const current = await app.forecastReader.current(request.query.workload)
    if (current === undefined) throw new UnknownWorkloadError(request.query.workload)
    if (current.snapshot === undefined) throw new ForecastNotReadyError(request.query.workload)
    return current.snapshot
  })
}
