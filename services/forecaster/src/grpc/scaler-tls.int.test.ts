import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, credentials, type ServiceError } from '@grpc/grpc-js'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp } from '@platform/test-harness'
import { buildApp } from '../app.js'
import { Config } from '../config.js'
import { testCertificates } from '../fixtures/test-certificates.js'
import { loadWorkloads } from '../workloads/load-workloads.js'
import { ExternalScaler } from './external-scaler-proto.js'

let file: (name: string) => string

beforeAll(() => { file = testCertificates() })

type Unary = (req: object, cb: (err: ServiceError | null, res: { result: boolean }) => void) => void

async function isActive (client: Client & { IsActive?: Unary }): Promise<boolean> {
  return await new Promise((resolve, reject) => {
    (client.IsActive as Unary).call(client, { name: 'demo' }, (err, res) => { if (err === null) resolve(res.result); else reject(err) })
  })
}

describe('External Scaler over mutual TLS', () => {
  it('serves a client with a CA-signed certificate and refuses one without', async () => {
    const config = loadConfig(Config, { LOG_LEVEL: 'silent', HOST: '127.0.0.1', GRPC_PORT: '0', GRPC_TLS_CERT: file('server.pem'), GRPC_TLS_KEY: file('server.key'), GRPC_TLS_CA: file('ca.pem') })
    const app = await buildTestApp(async () => await buildApp(config, { version: '0.0.0-test', workloads: loadWorkloads(config, () => ''), autoStart: false }))
    const address = `127.0.0.1:${app.scalerGrpc.port ?? 0}`
    const ca = readFileSync(file('ca.pem'))
    const trusted = new ExternalScaler(address, credentials.createSsl(ca, readFileSync(file('client.key')), readFileSync(file('client.pem'))))
    const anonymous = new ExternalScaler(address, credentials.createSsl(ca))
    const plaintext = new ExternalScaler(address, credentials.createInsecure())
    try {
      expect(await isActive(trusted)).toBe(true)
      await expect(isActive(anonymous)).rejects.toMatchObject({ code: expect.any(Number) })
      await expect(isActive(plaintext)).rejects.toMatchObject({ code: expect.any(Number) })
    } finally {
      for (const c of [trusted, anonymous, plaintext]) c.close()
    }
  })
})
