import { createServer } from 'node:net'

/**
 * Asks the OS for a free TCP port on `host` by listening on port 0 and closing again.
 * Another process may take the port before the caller binds it; callers retry on a clash.
 */
export async function freePort (host = '127.0.0.1'): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error(`could not read the port bound on ${host}`)
  return address.port
}
