import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createPredictAuth } from './predict-auth.js'

const secret = 'an-hs256-secret-of-at-least-32-characters'
const claims = { issuer: 'https://auth.example', audience: 'ml-inference' }

async function sign (key: CryptoKey | Uint8Array, alg: string, edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt): Promise<string> {
  const jwt = new SignJWT({ scope: 'predict' }).setProtectedHeader({ alg, kid: 'k1' }).setIssuer(claims.issuer).setAudience(claims.audience).setIssuedAt().setExpirationTime('5m')
  return `Bearer ${await edit(jwt).sign(key)}`
}

async function jwksFileOf (key: CryptoKey): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ml-inference-jwks-'))
  onTestFinished(async () => rm(dir, { recursive: true, force: true }))
  const file = join(dir, 'jwks.json')
  await writeFile(file, JSON.stringify({ keys: [{ ...await exportJWK(key), kid: 'k1', alg: 'ES256', use: 'sig' }] }))
  return file
}

describe('prediction route auth', () => {
  it('is off unless a token, a secret or a JWKS file is configured', async () => {
    expect(await createPredictAuth({})).toBeUndefined()
  })

  it('accepts an HS256 JWT with the right issuer and audience, and nothing else', async () => {
    const auth = await createPredictAuth({ jwtSecret: secret, ...claims })
    if (auth === undefined) throw new Error('auth should be on')
    const key = new TextEncoder().encode(secret)
    expect(await auth(await sign(key, 'HS256'))).toBe(true)
    expect(await auth(await sign(key, 'HS256', (jwt) => jwt.setAudience('another-service')))).toBe(false)
    expect(await auth(await sign(key, 'HS256', (jwt) => jwt.setIssuer('https://evil.example')))).toBe(false)
    expect(await auth(await sign(key, 'HS256', (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60)))).toBe(false)
    expect(await auth(await sign(key, 'HS256', (jwt) => jwt.setNotBefore('10m')))).toBe(false)
    expect(await auth(await sign(new TextEncoder().encode(`${secret}-other`), 'HS256'))).toBe(false)
    expect(await auth(await sign(key, 'HS512'))).toBe(false)
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: claims.issuer, aud: claims.audience })).toString('base64url')}.`
    expect(await auth(`Bearer ${unsigned}x`)).toBe(false)
    expect(await auth(undefined)).toBe(false)
    expect(await auth('Bearer not-a-jwt')).toBe(false)
  })

  it('verifies public-key JWTs against a JWKS file, refusing other keys and HS256 tricks', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256')
    const auth = await createPredictAuth({ jwksFile: await jwksFileOf(publicKey), ...claims })
    if (auth === undefined) throw new Error('auth should be on')
    expect(await auth(await sign(privateKey, 'ES256'))).toBe(true)
    const other = await generateKeyPair('ES256')
    expect(await auth(await sign(other.privateKey, 'ES256'))).toBe(false)
    // No secret is configured, so an HS256 token is refused whatever it was signed with.
    expect(await auth(await sign(new TextEncoder().encode(secret), 'HS256'))).toBe(false)
  })

  it('keeps the static token working beside JWTs', async () => {
    const auth = await createPredictAuth({ token: 'static-token-0123456789', jwtSecret: secret, ...claims })
    if (auth === undefined) throw new Error('auth should be on')
    expect(await auth('Bearer static-token-0123456789')).toBe(true)
    expect(await auth(await sign(new TextEncoder().encode(secret), 'HS256'))).toBe(true)
    expect(await auth('Bearer static-token-wrong')).toBe(false)
  })
})
