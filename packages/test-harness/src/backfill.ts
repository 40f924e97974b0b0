import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runCommand } from './child-process.js'
import { toOpenMetrics } from './openmetrics.js'
import type { Series } from './series.js'

/**
 * Writes `series` as TSDB blocks into `dataDir` with promtool, before Prometheus starts.
 * Samples later than `now` are refused: Prometheus 2.42 starts its head after the newest block,
 * so history reaching into the future makes it drop every scraped sample until then.
 * Blocks of up to 31 days (promtool takes a Go duration: 744h) keep a week of history to a few blocks, about 10x faster than 2 h blocks.
 */
export async function backfill (series: readonly Series[], dataDir: string, workDir: string, now = Date.now()): Promise<void> {
  for (const one of series) {
    const future = one.samples.find((sample) => sample.timestamp > now)
    if (future !== undefined) {
      throw new Error(`backfill of ${one.name} has a sample at ${new Date(future.timestamp).toISOString()}, after now; shift it with shiftToNow()`)
    }
  }
  const input = join(workDir, 'backfill.om')
  await writeFile(input, toOpenMetrics(series))
  await runCommand('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=744h', input, dataDir], workDir)
  await rm(input)
}
