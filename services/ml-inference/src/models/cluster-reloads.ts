import type { Serializable } from 'node:child_process'

const reload = 'ml-inference:models:reload'

interface ReloadMessage { type: typeof reload }

const isReload = (message: unknown): message is ReloadMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === reload

/** How one node:cluster worker's model repository tells its siblings about an admin reload, and hears theirs. */
export interface ReloadPeers {
  /** Asks every other worker to rescan MODEL_DIR; `onError` hears a send that failed. */
  announce (onError: (err: Error) => void): void
  /** Calls `listener` whenever another worker announced a reload; returns the unsubscribe. */
  onReload (listener: () => void): () => void
}

type SendCallback = (err: Error | null) => void

/** A worker's end of the IPC channel to the primary: `process` in a node:cluster worker. */
interface WorkerChannel {
  send?: (message: Serializable, callback: SendCallback) => boolean
  on (event: 'message', listener: (message: unknown) => void): unknown
  off (event: 'message', listener: (message: unknown) => void): unknown
}

/** The primary's view of one worker: a node:cluster `Worker`. */
interface Peer {
  readonly id: number
  isConnected (): boolean
  send (message: Serializable, callback: SendCallback): boolean
}

/** The primary's side: `cluster` itself. */
interface Primary {
  readonly workers?: NodeJS.Dict<Peer>
  on (event: 'message', listener: (worker: Peer, message: unknown) => void): unknown
}

/** In a worker: announces through the primary, which relays to the others (workers have no channel to each other). */
export function workerReloadPeers (channel: WorkerChannel): ReloadPeers {
  return {
    announce (onError) {
      if (channel.send === undefined) onError(new Error('workerReloadPeers needs to run in a node:cluster worker'))
      else channel.send({ type: reload } satisfies ReloadMessage, (err) => { if (err !== null) onError(err) })
    },
    onReload (listener) {
      const onMessage = (message: unknown): void => { if (isReload(message)) listener() }
      channel.on('message', onMessage)
      return () => { channel.off('message', onMessage) }
    }
  }
}

/** In the primary: passes each worker's reload announcement to every other connected worker. */
export function relayReloads (primary: Primary, onError: (err: Error) => void): void {
  primary.on('message', (from, message) => {
    if (!isReload(message)) return
    for (const worker of Object.values(primary.workers ?? {})) {
      if (worker === undefined || worker.id === from.id || !worker.isConnected()) continue
      worker.send(message, (err) => { if (err !== null) onError(err) })
    }
  })
}
