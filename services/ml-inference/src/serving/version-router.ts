import { fnv1a32 } from '@platform/ad-features'
import { VersionNotFoundError } from '../errors.js'
import type { LoadedModel } from '../models/model-loader.js'
import type { ModelEntry } from '../models/model-repository.js'

export interface RoutedVersions {
  primary: LoadedModel
  /** Scored beside the primary for comparison; its answer is never returned. */
  shadow?: LoadedModel
}

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the high bits the bucket reads. */
function fmix32 (hash: number): number {
  let h = hash ^ (hash >>> 16)
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * The request's position in [0, 1): the same key always lands in the same place, per model.
 * FNV-1a alone leaves its high bits poorly mixed for keys that differ in the last characters
 * (`user-1`, `user-2`, …: 400 such keys put 37% under a 25% weight), hence the finaliser.
 */
export function stickyBucket (model: string, key: string): number {
  return fmix32(fnv1a32(`${model}\u0000${key}`)) / 4294967296
}

/** A pinned version, else the canary when the key's sticky bucket falls under its weight, else the default. */
function answering (entry: ModelEntry, key: string | undefined, pinned: string | undefined): LoadedModel {
  let version = entry.defaultVersion
  if (pinned !== undefined) version = pinned
  else {
    const { canary } = entry.routing
    if (canary !== undefined && key !== undefined && stickyBucket(entry.name, key) < canary.weight) version = canary.version
  }
  const model = entry.versions.get(version)
  if (model === undefined) throw new VersionNotFoundError(entry.name, version)
  return model
}

const shadowOf = (entry: ModelEntry): LoadedModel | undefined =>
  entry.routing.shadow === undefined ? undefined : entry.versions.get(entry.routing.shadow)

/**
 * Picks the version that answers: a pinned `X-Model-Version` wins; otherwise the canary when the
 * key's sticky bucket falls under its weight; otherwise the default. A shadow version different
 * from the one answering is returned for comparison.
 */
export function routeVersions (entry: ModelEntry, key: string | undefined, pinned: string | undefined): RoutedVersions {
  const primary = answering(entry, key, pinned)
  const shadow = shadowOf(entry)
  return shadow === undefined || shadow === primary ? { primary } : { primary, shadow }
}

export interface RoutedRows {
  /** The pinned version, or the default: what answers a row that the canary does not take. */
  primary: LoadedModel
  /** Each answering version with the indices of its rows, in request order. */
  groups: Array<{ model: LoadedModel, rows: number[] }>
  shadow?: LoadedModel
}

/**
 * Routes each row of a request by its own sticky key (a batch's rows belong to different users or
 * placements), grouping rows per version so each version scores its rows in one run.
 */
export function routeRows (entry: ModelEntry, keys: ReadonlyArray<string | undefined>, pinned: string | undefined): RoutedRows {
  const primary = answering(entry, undefined, pinned)
  const shadow = shadowOf(entry)
  const all = () => [{ model: primary, rows: keys.map((_, i) => i) }]
  let groups: RoutedRows['groups']
  if (pinned !== undefined || entry.routing.canary === undefined) groups = all()
  else {
    const byVersion = new Map<LoadedModel, number[]>()
    keys.forEach((key, i) => {
      const model = answering(entry, key, undefined)
      const rows = byVersion.get(model)
      if (rows === undefined) byVersion.set(model, [i])
      else rows.push(i)
    })
    groups = [...byVersion].map(([model, rows]) => ({ model, rows }))
  }
  return shadow === undefined ? { primary, groups } : { primary, groups, shadow }
}
