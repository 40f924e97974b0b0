import { Server, ServerCredentials, status as GrpcStatus } from '@grpc/grpc-js'
import { WorkloadConfig } from '@platform/contracts'
import { Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ForecasterMetrics } from '../forecaster-metrics.js'
import { scalerClient } from '../fixtures/scaler-client.js'
import { externalScalerService } from './external-scaler-proto.js'
import { scalerHandlers } from './scaler-handlers.js'

const web = WorkloadConfig.parse({ name: 'web', file: 'web.csv', window: '3h', horizon: '10m', targetPerPod: 10 })
let server: Server
let address: string
beforeAll(async () => {
  server = new Server()
  server.addService(externalScalerService, scalerHandlers({
    // One workload, "web", configured but not yet forecast.
    reader: { current: async (name) => name === 'web' ? { workload: web, snapshot: undefined } : undefined },
    metrics: new ForecasterMetrics(new Registry(), async () => []),
    safeValue: 'last-plan',
    streamPollMs: 50
  }))
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => { if (e === null) resolve(p); else reject(e) }))
  address = `127.0.0.1:${port}`
})
afterAll(() => { server.forceShutdown() })

describe('StreamIsActive answers like IsActive', () => {
  it('keeps a workload without a forecast active', async () => {
    const client = scalerClient(address)
    expect(await client.firstStreamIsActive({ name: 'web' })).toEqual({ result: true })
    client.close()
  })

  it('ends the stream with NOT_FOUND for an unknown workload and INVALID_ARGUMENT for a malformed name', async () => {
    const client = scalerClient(address)
    await expect(client.isActive({ name: 'nope' })).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND })
    await expect(client.firstStreamIsActive({ name: 'nope' })).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND })
    await expect(client.firstStreamIsActive({ name: 'Bad Name' })).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT })
    client.close()
  })
})
