import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { fetchRecords } from './fetch-records.js'

let server: Server | undefined
afterEach(async () => { await new Promise((resolve) => server?.close(resolve)) })

/** An export endpoint that records each request's path and query, answering two pages. */
async function exportServer (seen: URL[]): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    seen.push(url)
    const first = !url.searchParams.has('cursor')
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ records: [], nextCursor: first ? '7-0' : null }))
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('fetchRecords', () => {
  it('pages with the cursor until it runs out', async () => {
    const seen: URL[] = []
    await fetchRecords(await exportServer(seen), new Date(0))
    expect(seen.map((u) => [u.pathname, u.searchParams.get('since'), u.searchParams.get('cursor')])).toEqual([
      ['/v1/telemetry/executions', '1970-01-01T00:00:00.000Z', null],
      ['/v1/telemetry/executions', '1970-01-01T00:00:00.000Z', '7-0']
    ])
  })

  it.each(['/ml-router', '/ml-router/'])('keeps a base URL\'s path prefix (%s), as behind an ingress', async (prefix) => {
    const seen: URL[] = []
    await fetchRecords(`${await exportServer(seen)}${prefix}`, new Date(0))
    expect(seen.map((u) => u.pathname)).toEqual(['/ml-router/v1/telemetry/executions', '/ml-router/v1/telemetry/executions'])
  })
})
