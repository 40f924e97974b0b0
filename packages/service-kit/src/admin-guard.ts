import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import createError from '@fastify/error'

export const UnauthorizedError = createError('UNAUTHORIZED', 'A valid bearer token is required', 401)

export interface AdminGuardOptions {
  token: string | undefined
  /** Local development only: admin routes answer without a token. */
  allowUnauthenticated: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler for admin routes; throws at registration when no token is configured. */
    adminOnly(): preHandlerAsyncHookHandler
  }
}

// Hashing first gives equal-length buffers, so the comparison time never depends on the input.
const digest = (value: string) => createHash('sha256').update(value).digest()

export function bearerMatches (header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(header ?? '')
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token))
}

const adminGuardPlugin: FastifyPluginAsync<AdminGuardOptions> = async (app, { token, allowUnauthenticated }) => {
  app.decorate('adminOnly', () => {
    if (token === undefined) {
      if (!allowUnauthenticated) {
        throw new Error('ADMIN_TOKEN is not set: admin routes refuse to start unauthenticated (ALLOW_UNAUTHENTICATED_ADMIN=true is for local development only)')
      }
      app.log.warn('admin routes are UNAUTHENTICATED (ALLOW_UNAUTHENTICATED_ADMIN=true)')
      return async () => {}
    }
    return async (request) => {
      if (!bearerMatches(request.headers.authorization, token)) throw new UnauthorizedError()
    }
  })
}

export const adminGuard = fp(adminGuardPlugin, { name: 'admin-guard', fastify: '5.x' })
