import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, credentials, type ServiceError } from '@grpc/grpc-js'
import { loadConfig } from '@platform/service-kit'
import { buildTestApp } from '@platform/test-harness'
import { buildApp } from '../app.js'
import { Config } from '../config.js'
import { loadWorkloads } from '../workloads/load-workloads.js'
import { ExternalScaler } from './external-scaler-proto.js'

const dir = mkdtempSync(join(tmpdir(), 'forecaster-tls-'))
const file = (name: string) => join(dir, name)
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })

beforeAll(() => {
  // A throwaway CA signing a server certificate for 127.0.0.1 and a client certificate.
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=test-ca', '-keyout', file('ca.key'), '-out', file('ca.pem'))
  writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n')
  for (const who of ['server', 'client']) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${who}`, '-keyout', file(`${who}.key`), '-out', file(`${who}.csr`))
    openssl('x509', '-req', '-in', file(`${who}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', file('san.ext'), '-out', file(`${who}.pem`))
  }
})

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
