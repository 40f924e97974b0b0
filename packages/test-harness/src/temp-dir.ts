import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cleanupOnExit } from './exit-cleanup.js'

export interface TempDir {
  readonly path: string
  remove: () => Promise<void>
}

/** A fresh directory under the OS temp dir, removed by `remove()` or, failing that, on process exit. */
export async function makeTempDir (prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`))
  const unregister = cleanupOnExit(() => rmSync(path, { recursive: true, force: true }))
  return {
    path,
    async remove () {
      unregister()
      await rm(path, { recursive: true, force: true })
    }
  }
}
