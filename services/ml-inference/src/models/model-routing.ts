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

export async function readRouting (modelDir: string, loaded: ReadonlyMap<string, unknown>): Promise<ModelRouting> {
  let text: string
  try {
    text = await readFile(join(modelDir, 'routing.json'), 'utf8')
  } catch {
    return {}
  }
  const routing = ModelRouting.parse(JSON.parse(text))
  for (const version of [routing.canary?.version, routing.shadow]) {
    if (version !== undefined && !loaded.has(version)) throw new Error(`routing.json names version ${version}, which is not loaded`)
  }
  return routing
}
