import Fastify from 'fastify'

// The peer: a bare Fastify JSON echo route (no validation, no model), one process, no logging.
const port = Number(process.argv[2] ?? 8100)
const app = Fastify({ logger: false })
app.post('/echo', async (request) => request.body)
// Only so the runner knows the server is up.
app.get('/ready', async () => ({ ready: true }))
await app.listen({ host: '127.0.0.1', port })
