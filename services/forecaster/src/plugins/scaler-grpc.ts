import { readFileSync } from 'node:fs'
import { Server, ServerCredentials } from '@grpc/grpc-js'
import { HealthImplementation } from 'grpc-health-check'
import { fp } from '@platform/service-kit'
import { externalScalerService } from '../grpc/external-scaler-proto.js'
import type { SafeValue } from '../grpc/scaler-answer.js'
import { scalerHandlers } from '../grpc/scaler-handlers.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The bound gRPC port (useful when configured as 0), once listening. */
    scalerGrpc: { port: number | undefined }
  }
}

export interface ScalerGrpcOptions {
  host: string
  port: number
  /** Bind when the app is ready (false in inject-only tests). */
  listen: boolean
  safeValue: SafeValue
  /** PEM file paths; `ca` turns on mutual TLS. */
  tls?: { cert: string, key: string, ca?: string | undefined } | undefined
}

const scalerServiceName = 'externalscaler.ExternalScaler'

/** The KEDA External Scaler and the standard gRPC health service, on their own port. */
export const scalerGrpc = fp<ScalerGrpcOptions>(async (app, options) => {
  const server = new Server()
  const health = new HealthImplementation({ '': 'NOT_SERVING', [scalerServiceName]: 'NOT_SERVING' })
  server.addService(externalScalerService, scalerHandlers({ reader: app.forecastReader, metrics: app.forecasterMetrics, safeValue: options.safeValue }))
  health.addToServer(server)
  const state = { port: undefined as number | undefined }
  app.decorate('scalerGrpc', state)

  const credentials = options.tls === undefined
    ? ServerCredentials.createInsecure()
    : ServerCredentials.createSsl(
      options.tls.ca === undefined ? null : readFileSync(options.tls.ca),
      [{ cert_chain: readFileSync(options.tls.cert), private_key: readFileSync(options.tls.key) }],
      options.tls.ca !== undefined
    )

  app.addHook('onReady', async () => {
    if (!options.listen) return
    state.port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${options.host}:${options.port}`, credentials, (err, port) => { if (err === null) resolve(port); else reject(err) })
    })
    health.setStatus('', 'SERVING')
    health.setStatus(scalerServiceName, 'SERVING')
    app.log.info({ port: state.port, tls: options.tls !== undefined }, 'external scaler gRPC listening')
  })
  app.addHook('preClose', async () => {
    health.setStatus('', 'NOT_SERVING')
    health.setStatus(scalerServiceName, 'NOT_SERVING')
  })
  app.addHook('onClose', async () => {
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => { server.forceShutdown(); resolve() }, 5_000)
      server.tryShutdown(() => { clearTimeout(force); resolve() })
    })
  })
}, { name: 'scaler-grpc', dependencies: ['forecast-reader', 'forecaster-metrics'] })
