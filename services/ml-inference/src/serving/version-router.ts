import { fnv1a32 } from '@platform/ad-features'
import { VersionNotFoundError } from '../errors.js'
import type { LoadedModel } from '../models/model-loader.js'
import type { ModelEntry } from '../models/model-repository.js'

export interface RoutedVersions {
  primary: LoadedModel
  /** Scored beside the primary for comparison; its answer is never returned. */
  shadow?: LoadedModel
}

/** The request's position in [0, 1): the same key always lands in the same place, per model. */
export function stickyBucket (model: string, key: string): number {
  return fnv1a32(`${model}\u0000${key}`) / 4294967296
}

/**
 * Picks the version that answers: a pinned `X-Model-Version` wins; otherwise the canary when the
 * key's sticky bucket falls under its weight; otherwise the default. A shadow version different
 * from the one answering is returned for comparison.
 */
export function routeVersions (entry: ModelEntry, key: string | undefined, pinned: string | undefined): RoutedVersions {
  let primary: LoadedModel | undefined
  if (pinned !== undefined) {
    primary = entry.versions.get(pinned)
    if (primary === undefined) throw new VersionNotFoundError(entry.name, pinned)
  } else {
    const { canary } = entry.routing
    const useCanary = canary !== undefined && key !== undefined && stickyBucket(entry.name, key) < canary.weight
    primary = entry.versions.get(useCanary ? canary.version : entry.defaultVersion)
  }
  if (primary === undefined) throw new VersionNotFoundError(entry.name, entry.defaultVersion)
  const shadowVersion = entry.routing.shadow
  const shadow = shadowVersion !== undefined && shadowVersion !== primary.version ? entry.versions.get(shadowVersion) : undefined
  return shadow === undefined ? { primary } : { primary, shadow }
}
