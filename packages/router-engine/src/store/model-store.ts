import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AbTestConfig } from '@platform/contracts'
import { compareVersions } from '@platform/router-core'
import type { ModelBundle } from '../models/model-bundle.js'
import { modelKinds, type ModelKind } from '../models/model-params.js'
import { bundleFromTexts, bundleTexts, ModelLoadError, ModelMetadata, modelFileNames, sha256 } from './model-files.js'

/** `registry.json`: which version serves and the A/B setup, shared by every process on the store. */
export const RegistryManifest = z.object({
  active: z.string().nullable(),
  abTest: AbTestConfig.nullable(),
  updatedAt: z.string()
})
export type RegistryManifest = z.infer<typeof RegistryManifest>

/** `registry.json` exists but cannot be read as a manifest (truncated, hand-edited, foreign). */
export class RegistryManifestError extends Error {
  constructor (readonly reason: string, options?: ErrorOptions) {
    super(`registry.json: ${reason}`, options)
    this.name = 'RegistryManifestError'
  }
}

/** A saved version is never overwritten: its files are what its metadata's hashes promise. */
export class InvalidVersionNameError extends Error {
  constructor (readonly version: string) {
    super(`"${version}" is not a valid version name: 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`)
    this.name = 'InvalidVersionNameError'
  }
}

export class VersionExistsError extends Error {
  constructor (readonly version: string, options?: ErrorOptions) {
    super(`model ${version} already exists; choose another version`, options)
    this.name = 'VersionExistsError'
  }
}

const emptyManifest = (): RegistryManifest => ({ active: null, abTest: null, updatedAt: new Date(0).toISOString() })

/** JSON.parse that names the file it read instead of throwing a bare SyntaxError (which HTTP handlers take for a bad body). */
function parseJson (text: string, fail: (reason: string, cause: unknown) => Error): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw fail('not valid JSON (truncated or edited?)', err)
  }
}

function issueText (error: z.ZodError): string {
  const issue = error.issues[0]
  return issue === undefined ? '' : `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`
}

const versionName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/**
 * Model versions on disk: `<root>/versions/<version>/{cost,latency,success,provider}.txt` plus
 * `metadata.json`, and `<root>/registry.json`. Every write goes to a temporary name and is renamed
 * into place, so a reader never sees half a version or half a manifest.
 */
export class ModelStore {
  private writing: Promise<unknown> = Promise.resolve()

  constructor (readonly root: string) {}

  /** Refuses a name no version folder can have, before any work is done for it. */
  static checkVersionName (version: string): void {
    if (!versionName.test(version)) throw new InvalidVersionNameError(version)
  }

  private dir (version: string): string {
    if (!versionName.test(version)) throw new ModelLoadError(version, 'not a valid version name')
    return join(this.root, 'versions', version)
  }

  async versions (): Promise<string[]> {
    try {
      const entries = await readdir(join(this.root, 'versions'), { withFileTypes: true })
      return entries.filter((e) => e.isDirectory() && versionName.test(e.name)).map((e) => e.name).sort(compareVersions)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw err
    }
  }

  async save (metadata: Omit<ModelMetadata, 'files'>, bundle: ModelBundle): Promise<ModelMetadata> {
    const texts = bundleTexts(bundle)
    const files = Object.fromEntries(modelKinds.map((kind) => [modelFileNames[kind], sha256(texts[kind])]))
    const full: ModelMetadata = { ...metadata, files }
    const target = this.dir(metadata.version)
    // A dot name is never listed as a version, neither mid-write nor after a failed save.
    const staging = join(this.root, 'versions', `.staging-${metadata.version}-${process.pid}`)
    await mkdir(staging, { recursive: true })
    try {
      for (const kind of modelKinds) await writeFile(join(staging, modelFileNames[kind]), texts[kind])
      await writeFile(join(staging, 'metadata.json'), JSON.stringify(full, null, 2))
      await rename(staging, target)
    } catch (err) {
      await rm(staging, { recursive: true, force: true })
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new VersionExistsError(metadata.version, { cause: err })
      throw err
    }
    return full
  }

  async metadata (version: string): Promise<ModelMetadata> {
    let text: string
    try {
      text = await readFile(join(this.dir(version), 'metadata.json'), 'utf8')
    } catch (err) {
      throw new ModelLoadError(version, 'no such version (metadata.json missing)', { cause: err })
    }
    const json = parseJson(text, (reason, cause) => new ModelLoadError(version, `metadata.json is ${reason}`, { cause }))
    const parsed = ModelMetadata.safeParse(json)
    if (!parsed.success) throw new ModelLoadError(version, `metadata.json is invalid: ${issueText(parsed.error)}`)
    return parsed.data
  }

  /** Loads and verifies one version (schema hash, sha256 of every file, LightGBM parse). */
  async load (version: string): Promise<{ bundle: ModelBundle, metadata: ModelMetadata }> {
    const metadata = await this.metadata(version)
    const texts = {} as Record<ModelKind, string>
    for (const kind of modelKinds) {
      try {
        texts[kind] = await readFile(join(this.dir(version), modelFileNames[kind]), 'utf8')
      } catch (err) {
        throw new ModelLoadError(version, `${modelFileNames[kind]} is missing`, { cause: err })
      }
    }
    // Errors name the folder asked for: a copied folder still carries its source's metadata.version.
    return { bundle: bundleFromTexts({ ...metadata, version }, texts), metadata }
  }

  /** The manifest; none yet reads as empty, unreadable content throws RegistryManifestError. */
  async manifest (): Promise<RegistryManifest> {
    let text: string
    try {
      text = await readFile(join(this.root, 'registry.json'), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyManifest()
      throw err
    }
    const parsed = RegistryManifest.safeParse(parseJson(text, (reason, cause) => new RegistryManifestError(reason, { cause })))
    if (!parsed.success) throw new RegistryManifestError(`not a valid manifest: ${issueText(parsed.error)}`, { cause: parsed.error })
    return parsed.data
  }

  /**
   * Merges `update` into the manifest. An unreadable manifest is replaced (writing is how an operator
   * repairs it); an update that would not read back is refused before anything is written.
   */
  async writeManifest (update: Partial<Omit<RegistryManifest, 'updatedAt'>>): Promise<RegistryManifest> {
    // One read-modify-write at a time: two at once would lose an update or race on the temporary file.
    const written = this.writing.then(async () => await this.updateManifest(update))
    this.writing = written.catch(() => undefined)
    return await written
  }

  private async updateManifest (update: Partial<Omit<RegistryManifest, 'updatedAt'>>): Promise<RegistryManifest> {
    const current = await this.manifest().catch((err: unknown) => {
      if (err instanceof RegistryManifestError) return emptyManifest()
      throw err
    })
    const checked = RegistryManifest.safeParse({ ...current, ...update, updatedAt: new Date().toISOString() })
    if (!checked.success) throw new RegistryManifestError(`refusing to write an invalid manifest: ${issueText(checked.error)}`, { cause: checked.error })
    const next = checked.data
    await mkdir(this.root, { recursive: true })
    const path = join(this.root, 'registry.json')
    await writeFile(`${path}.tmp-${process.pid}`, JSON.stringify(next, null, 2))
    await rename(`${path}.tmp-${process.pid}`, path)
    return next
  }

  /** Versions in use: the active one and both arms of the A/B test. */
  async inUse (): Promise<Set<string>> {
    const m = await this.manifest()
    return new Set([m.active, m.abTest?.controlModelVersion, m.abTest?.treatmentModelVersion].filter((v): v is string => typeof v === 'string'))
  }

  /**
   * Versions oldest first by their metadata's `createdAt`, which holds whatever the names (a
   * hand-named `v9` and a dated `20261102.1` do not order by age); unreadable metadata counts as oldest.
   */
  async versionsByAge (): Promise<string[]> {
    const versions = await this.versions()
    const created = new Map(await Promise.all(versions.map(async (v) => [v, Date.parse((await this.metadata(v).catch(() => undefined))?.createdAt ?? '')] as const)))
    const age = (v: string): number => {
      const t = created.get(v) ?? Number.NaN
      return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t
    }
    // Equal ages (two unreadable) compare as NaN, which is falsy: the names decide.
    return versions.sort((a, b) => (age(a) - age(b)) || compareVersions(a, b))
  }

  /** Deletes all but the newest `keep` versions (by creation), never one in use. Returns what was removed. */
  async prune (keep: number): Promise<string[]> {
    const versions = await this.versionsByAge()
    const used = await this.inUse()
    const removable = versions.slice(0, Math.max(0, versions.length - keep)).filter((v) => !used.has(v))
    for (const v of removable) await rm(this.dir(v), { recursive: true, force: true })
    return removable
  }
}
