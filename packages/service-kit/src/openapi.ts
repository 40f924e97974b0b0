import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

export interface OpenApiOptions {
  title: string
  version: string
  description?: string
}

/** OpenAPI generated from the routes' zod schemas: `/docs/json` (spec) and `/docs` (browsable). */
const openApiPlugin: FastifyPluginAsync<OpenApiOptions> = async (app, { title, version, description }) => {
  await app.register(swagger, {
    openapi: {
      info: { title, version, ...(description === undefined ? {} : { description }) },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }
    },
    transform: jsonSchemaTransform
  })
  await app.register(swaggerUi, { routePrefix: '/docs', logLevel: 'silent' })
}

export const openApi = fp(openApiPlugin, { name: 'openapi', fastify: '5.x' })
