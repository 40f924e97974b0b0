import { readFile } from 'node:fs/promises'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose'
import type { FastifyRequest } from 'fastify'
import { bearerMatches, UnauthorizedError } from '@platform/service-kit'

export interface PredictAuthOptions {
  /** A static bearer token (PREDICT_AUTH_TOKEN). */
  token?: string | undefined
  /** HS256 shared secret (PREDICT_JWT_SECRET). */
  jwtSecret?: string | undefined
  /** Path of a JSON Web Key Set of public keys (PREDICT_JWT_JWKS_FILE): RS*, PS*, ES*, EdDSA. */
  jwksFile?: string | undefined
  issuer?: string | undefined
  audience?: string | undefined
}

/** Decides whether an `Authorization` header may call the prediction routes. */
export type PredictAuth = (authorization: string | undefined) => Promise<boolean>

// Asymmetric algorithms only for JWKS keys, HS256 only for the secret: no algorithm confusion.
const publicKeyAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']

/**
 * Builds the check for the prediction routes, or undefined when none is configured (the routes are
 * open by default). A request passes with the static token, or with a JWT whose signature, expiry
 * and not-before, issuer and audience all verify.
 */
export async function createPredictAuth (options: PredictAuthOptions): Promise<PredictAuth | undefined> {
  const { token, jwtSecret, jwksFile, issuer, audience } = options
  if (token === undefined && jwtSecret === undefined && jwksFile === undefined) return undefined
  const secret = jwtSecret === undefined ? undefined : new TextEncoder().encode(jwtSecret)
  const jwks = jwksFile === undefined ? undefined : createLocalJWKSet(JSON.parse(await readFile(jwksFile, 'utf8')) as JSONWebKeySet)
  const claims = { ...(issuer === undefined ? {} : { issuer }), ...(audience === undefined ? {} : { audience }) }

  const verifyJwt = async (jwt: string): Promise<boolean> => {
    try {
      // jose also checks exp and nbf whenever the token carries them.
      if (decodeProtectedHeader(jwt).alg === 'HS256') {
        if (secret === undefined) return false
        await jwtVerify(jwt, secret, { ...claims, algorithms: ['HS256'] })
      } else {
        if (jwks === undefined) return false
        await jwtVerify(jwt, jwks, { ...claims, algorithms: publicKeyAlgorithms })
      }
      return true
    } catch {
      return false
    }
  }

  return async (authorization) => {
    if (token !== undefined && bearerMatches(authorization, token)) return true
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization ?? '')
    return match?.[1] !== undefined && verifyJwt(match[1])
  }
}

/** onRequest hook for a prediction route: 401 with the error envelope unless the check accepts the bearer. */
export function requireAuth (auth: PredictAuth): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    if (!await auth(request.headers.authorization)) throw new UnauthorizedError()
  }
}
