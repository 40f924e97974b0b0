import type { RecordedSpec } from '@platform/contracts'
import type { Random } from '@platform/seeded-random'
import { peakLoad } from './world.js'

const languages: ReadonlyArray<readonly [string, number]> = [
  ['python', 40], ['javascript', 16], ['typescript', 10], ['go', 5], ['rust', 4], ['java', 5],
  ['ruby', 3], ['bash', 6], ['r', 3], ['swift', 3], ['haskell', 1], ['elixir', 1], ['cobol', 0.5]
]
const packages = ['numpy', 'pandas', 'requests', 'torch', 'lodash', 'express', 'serde', 'tokio', 'rails', 'ggplot2', 'scipy', 'axios']
const regions = ['us-east', 'us-west', 'eu-west', 'ap-southeast']

export interface SimulatedRequest {
  spec: RecordedSpec
  submittedAt: Date
}

/** Submission times follow the daily load curve (more requests at the peak). */
function drawTime (rng: Random, startMs: number, days: number): Date {
  for (;;) {
    const at = new Date(startMs + rng.next() * days * 86_400_000)
    if (rng.next() < 0.35 + 0.65 * peakLoad(at)) return at
  }
}

/** One sandbox request as the platform sees them: mostly small Python/JS jobs, a tail of heavy ones. */
export function drawRequest (rng: Random, startMs: number, days: number): SimulatedRequest {
  const language = rng.weighted(languages)
  const gpu = rng.next() < 0.05
  const heavy = gpu || rng.next() < 0.12
  const cpu = gpu ? rng.pick([4, 8, 16]) : heavy ? rng.pick([2, 4, 8]) : rng.pick([0.5, 1, 1, 1, 2])
  const memory = gpu ? rng.pick([16384, 32768]) : heavy ? rng.pick([2048, 4096, 8192]) : rng.pick([256, 512, 512, 1024])
  const nRequirements = Math.min(40, Math.floor(Math.exp(rng.normal() * 1.1)) - 1 + (heavy ? 3 : 0))
  const requirements = Array.from({ length: Math.max(0, nRequirements) }, () => rng.pick(packages))
  const envCount = rng.int(0, 6)
  const fileCount = rng.int(0, 4)
  const region = rng.next() < 0.3 ? rng.pick(regions) : undefined
  const spec: RecordedSpec = {
    language,
    codeLength: Math.round(Math.exp(6 + 1.4 * rng.normal())),
    cpu,
    memory,
    timeout: rng.pick([10_000, 30_000, 60_000, 300_000, heavy ? 1_800_000 : 120_000]),
    gpu,
    ...(gpu ? { gpuType: rng.pick(['t4', 'a10g', 'a100']) } : {}),
    requirements,
    environment: Object.fromEntries(Array.from({ length: envCount }, (_, i) => [`VAR_${i}`, 'x'])),
    files: Object.fromEntries(Array.from({ length: fileCount }, (_, i) => [`file${i}.txt`, ''])),
    stateful: rng.next() < 0.15,
    ...(region === undefined ? {} : { region }),
    tenant: `tenant-${rng.int(0, 200)}`
  }
  return { spec, submittedAt: drawTime(rng, startMs, days) }
}
