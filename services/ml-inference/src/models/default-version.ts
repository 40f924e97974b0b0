import { highestVersion } from './semver.js'

/**
 * The version that answers unpinned requests: the one `latest` names, else the highest loaded.
 * While `latest` names a version that is not loaded (refused as corrupt or mismatched, or absent),
 * the version that was serving keeps serving, rather than whichever loaded version is highest.
 */
export function chooseDefault (loaded: ReadonlyMap<string, unknown>, latest: string, serving: string | undefined): string | undefined {
  if (latest !== '' && loaded.has(latest)) return latest
  if (latest !== '' && serving !== undefined && loaded.has(serving)) return serving
  return highestVersion(loaded.keys())
}
