import { buildApp } from './app.js'

const port = Number(process.env.PORT ?? 8000)
const app = buildApp({ logLevel: process.env.LOG_LEVEL ?? 'info' })
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => { void app.close().then(() => process.exit(0)) })
}
app.listen({ host: process.env.HOST ?? '0.0.0.0', port }).catch((err: unknown) => {
  app.log.error({ err }, 'cannot listen')
  process.exit(1)
})
