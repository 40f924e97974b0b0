import { connect } from 'node:net'
import { startServer, type ServerControls } from './server-process.js'
import { makeTempDir } from './temp-dir.js'

export interface RedisOptions {
  /** Keep data across `kill()`/`restart()` with an fsync-always append-only file. Default: no persistence at all. */
  appendOnly?: boolean
  /** Default 10 s. */
  readyTimeoutMs?: number
}

export interface RedisServer extends ServerControls {
  /** `redis://127.0.0.1:<port>`, for ioredis or any client. */
  readonly url: string
  readonly host: string
}

const HOST = '127.0.0.1'

/** Sends inline commands and collects every reply until the server closes the connection (the last command is QUIT). */
async function inlineCommands (port: number, commands: string[]): Promise<string> {
  return await new Promise((resolve, reject) => {
    let reply = ''
    const socket = connect({ host: HOST, port })
    socket.setTimeout(1_000, () => socket.destroy(new Error('redis did not answer within 1 s')))
    socket.on('connect', () => socket.write([...commands, 'QUIT'].map((command) => `${command}\r\n`).join('')))
    socket.on('data', (chunk) => { reply += chunk.toString('utf8') })
    socket.on('error', reject)
    socket.on('close', () => resolve(reply))
  })
}

/** Ready means it answers PING (not -LOADING) and it is our process, not another redis that took the port. */
export async function isRedisReady (port: number, pid: number): Promise<boolean> {
  try {
    const reply = await inlineCommands(port, ['PING', 'INFO server'])
    return reply.startsWith('+PONG') && reply.includes(`process_id:${pid}\r\n`)
  } catch {
    return false
  }
}

/**
 * Starts a real `redis-server` on a free loopback port in a fresh temp dir and waits until it answers.
 * Call `stop()` when done (for example in `afterAll`); processes left behind are killed when the test worker exits.
 */
export async function startRedis (options: RedisOptions = {}): Promise<RedisServer> {
  const persistence = options.appendOnly === true
    ? ['--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no']
  const dir = await makeTempDir('platform-redis')
  const controls = await startServer({
    binary: 'redis-server',
    host: HOST,
    args: (port) => [
      '--port', String(port),
      '--bind', HOST,
      '--dir', dir.path,
      '--save', '',
      ...persistence,
      '--daemonize', 'no',
      '--logfile', '',
      '--loglevel', 'warning'
    ],
    isReady: isRedisReady,
    readyTimeoutMs: options.readyTimeoutMs ?? 10_000
  }, dir)
  return { ...controls, host: HOST, url: `redis://${HOST}:${controls.port}` }
}
