import type { CtrRequest } from '@platform/contracts'
import type { LabelledRow } from './fraud-traffic.js'

const slots = ['left', 'center', 'right'] as const
const jstOffsetMs = 9 * 3600_000

export interface ObdClick extends LabelledRow<CtrRequest> {
  /** Impression time (ms since epoch, UTC), for the time split. */
  time: number
}

/**
 * Reads `datasets/ads/obd_clicks.csv` (Open Bandit Dataset sample, ZOZO, Apache-2.0) into CTR
 * requests. The widget slot is the placement, the four hashed user attributes are segments, and
 * hour/day are in the shop's local time (JST, UTC+9). Every row is a recommendation tile, so the
 * format is `native`.
 */
export function parseObdClicks (csv: string): ObdClick[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.length > 0)
  const header = lines[0]?.split(',') ?? []
  const column = (name: string): number => {
    const index = header.indexOf(name)
    if (index < 0) throw new Error(`obd_clicks.csv: missing column ${name}`)
    return index
  }
  const at = {
    campaign: column('campaign'),
    timestamp: column('timestamp'),
    position: column('position'),
    click: column('click'),
    features: [0, 1, 2, 3].map((k) => column(`user_feature_${k}`))
  }
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',')
    const time = Date.parse((cells[at.timestamp] ?? '').replace(' ', 'T'))
    const slot = slots[Number(cells[at.position]) - 1]
    if (Number.isNaN(time) || slot === undefined) throw new Error(`obd_clicks.csv line ${i + 2}: bad timestamp or position`)
    const local = new Date(time + jstOffsetMs)
    return {
      time,
      label: cells[at.click] === '1' ? 1 : 0,
      row: {
        placement_id: `zozo-${cells[at.campaign] ?? ''}-${slot}`,
        ad_format: 'native',
        user_segments: at.features.map((index, k) => `uf${k}:${cells[index] ?? ''}`),
        time_of_day: local.getUTCHours(),
        day_of_week: local.getUTCDay()
      }
    }
  })
}
