import { readFileSync, unwatchFile, watchFile } from 'node:fs'
import { fp } from '@platform/service-kit'
import type { WorkloadConfig } from '@platform/contracts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Re-reads the workloads file and applies it; a bad file is logged and changes nothing. */
    reloadWorkloads: () => Promise<boolean>
  }
}

export interface ConfigReloadOptions {
  /** The YAML file; without one there is nothing to reload. */
  path: string | undefined
  parse: (text: string) => WorkloadConfig[]
  /** How often the file's mtime is polled (polling survives the symlink swaps of Kubernetes ConfigMaps). */
  pollMs?: number
}

/** Reloads the workloads file on SIGHUP and when it changes, keeping unchanged workloads' state. */
export const configReload = fp<ConfigReloadOptions>(async (app, options) => {
  const path = options.path
  let inFlight: Promise<boolean> = Promise.resolve(true)
  const reload = async (): Promise<boolean> => {
    if (path === undefined) return true
    try {
      const workloads = options.parse(readFileSync(path, 'utf8'))
      const result = await app.workloadLoops.apply(workloads)
      app.log.info({ path, ...result }, 'workloads reloaded')
      return true
    } catch (err) {
      app.log.error({ err, path }, 'workloads file rejected; keeping the running configuration')
      return false
    }
  }
  // Reloads run one after another, so two quick edits cannot interleave.
  app.decorate('reloadWorkloads', async () => {
    inFlight = inFlight.then(reload, reload)
    return await inFlight
  })
  if (path === undefined) return
  const onSignal = (): void => { void app.reloadWorkloads() }
  app.addHook('onReady', async () => {
    process.on('SIGHUP', onSignal)
    watchFile(path, { interval: options.pollMs ?? 1000, persistent: false }, (now, before) => {
      if (now.mtimeMs !== before.mtimeMs || now.ino !== before.ino) void app.reloadWorkloads()
    })
  })
  app.addHook('onClose', async () => {
    process.off('SIGHUP', onSignal)
    unwatchFile(path)
    await inFlight
  })
}, { name: 'config-reload', dependencies: ['workload-loops'] })
