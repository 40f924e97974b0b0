import type { FastifyPluginAsyncZod } from '@platform/service-kit'
import { ErrorEnvelope, ExportExecutionsQuery, ExportExecutionsResponse, IngestExecutionsRequest, IngestExecutionsResponse } from '@platform/contracts'
import { utilityScales } from '@platform/router-core'
import { TelemetryUnavailableError } from '../errors.js'
import { recordJoined } from '../plugins/router-metrics.js'
import { withoutSecrets } from '../state/recorded-secrets.js'
import { retryAfterSeconds, StoreUnavailableError, type JoinedOutcome } from '../state/router-store.js'

const realisedLoss = (o: JoinedOutcome) => o.costUsd + (o.latencyMs / 1000) * utilityScales.usdPerSecond + (o.success ? 0 : utilityScales.usdPerFailure)

/** Telemetry ingestion (acknowledged only once stored, secrets blanked) and the paged export training reads. */
export const telemetryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/v1/telemetry/executions', {
    schema: {
      tags: ['telemetry'],
      summary: 'Store up to 1,000 execution records; duplicates by id are ignored',
      body: IngestExecutionsRequest,
      response: { 200: IngestExecutionsResponse, 400: ErrorEnvelope, 503: ErrorEnvelope }
    }
  }, async (request, reply) => {
    try {
      const result = await app.routerStore.ingest(request.body.records.map(withoutSecrets))
      app.routerMetrics.telemetryRecords.inc({ result: 'accepted' }, result.accepted)
      app.routerMetrics.telemetryRecords.inc({ result: 'duplicate' }, result.duplicates)
      recordJoined(app.routerMetrics, result.joined, realisedLoss)
      return { accepted: result.accepted, duplicates: result.duplicates }
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err
      app.routerMetrics.telemetryRecords.inc({ result: 'unavailable' }, request.body.records.length)
      request.log.warn({ err }, 'telemetry store unavailable; nothing acknowledged')
      void reply.header('retry-after', String(retryAfterSeconds))
      throw new TelemetryUnavailableError({ cause: err })
    }
  })

  app.get('/v1/telemetry/executions', {
    schema: {
      tags: ['telemetry'],
      summary: 'Export stored records submitted in [since, until), page by page',
      querystring: ExportExecutionsQuery,
      response: { 200: ExportExecutionsResponse, 400: ErrorEnvelope, 503: ErrorEnvelope }
    }
  }, async (request, reply) => {
    try {
      return await app.routerStore.export(request.query)
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err
      void reply.header('retry-after', String(retryAfterSeconds))
      throw new TelemetryUnavailableError({ cause: err })
    }
  })
}
