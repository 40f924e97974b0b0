import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'

/**
 * `MODEL_DIR/<model>/routing.json` (optional): a canary share for another version, chosen by a
 * sticky hash of the request key, and a shadow version scored beside the primary but never answered.
 */
export const ModelRouting = z.object({
  canary: z.object({ version: z.string(), weight: z.number().min(0).max(1) }).optional(),
  shadow: z.string().optional()
}).strict()
export type ModelRouting = z.infer<typeof ModelRouting>

/** The parsed file, `{}` when there is none; throws when it is not valid JSON or not a `ModelRouting`. */
export async function readRouting (modelDir: string): Promise<ModelRouting> {
  let text: string
  try {
    text = await readFile(join(modelDir, 'routing.json'), 'utf8')
  } catch {
    return {}
  }
  return ModelRouting.parse(JSON.parse(text))
}

export interface ServableRouting {
  routing: ModelRouting
  /** The arms left out because their version is not loaded. */
  dropped: Array<{ arm: 'canary' | 'shadow', version: string }>
}

/**
 * Leaves out each arm whose version is not loaded (its directory was removed, or it was refused),
 * so the canary's share goes to the default instead of failing with 404.
 */
export function servableRouting (routing: ModelRouting, loaded: ReadonlyMap<string, unknown>): ServableRouting {
  const servable: ModelRouting = {}
  const dropped: ServableRouting['dropped'] = []
  if (routing.canary !== undefined) {
    if (loaded.has(routing.canary.version)) servable.canary = routing.canary
    else dropped.push({ arm: 'canary', version: routing.canary.version })
  }
  if (routing.shadow !== undefined) {
    if (loaded.has(routing.shadow)) servable.shadow = routing.shadow
    else dropped.push({ arm: 'shadow', version: routing.shadow })
  }
  return { routing: servable, dropped }
}
