import Fastify from 'fastify'

// The peer: a bare Fastify JSON echo route (no validation, no model), one process, no logging.
const app = Fastify({ logger: false })
app.post('/echo', async (request) => request.body)
app.get('/healthz', async () => ({ status: 'ok' }))
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2]) })
