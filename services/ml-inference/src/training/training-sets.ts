import { createHash } from 'node:crypto'
import { generateAuctions } from './auction-traffic.js'
import { generateFraudTraffic } from './fraud-traffic.js'
import type { TrainingSet } from './linear-artifact.js'
import { parseObdClicks } from './obd-clicks.js'
import { seededRandom } from '@platform/seeded-random'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

function splitAt<T> (items: T[], fraction: number): { train: T[], test: T[] } {
  const cut = Math.floor(items.length * fraction)
  return { train: items.slice(0, cut), test: items.slice(cut) }
}

/** Real clicks: train on 24-28 Nov 2019, test on the two later days (a time split, not a shuffle). */
export function obdTrainingSet (csv: string): TrainingSet {
  const clicks = parseObdClicks(csv).sort((a, b) => a.time - b.time)
  const testFrom = Date.parse('2019-11-29T00:00:00Z')
  return {
    train: clicks.filter((c) => c.time < testFrom),
    test: clicks.filter((c) => c.time >= testFrom),
    dataset: 'datasets/ads/obd_clicks.csv (Open Bandit Dataset sample, ZOZO, Apache-2.0): train 2019-11-24..28, test 2019-11-29..30 UTC',
    dataSha256: sha256(csv),
    notes: 'Real clicks from a 3-slot fashion recommendation widget, not ad traffic; 207 positives in 40,000 rows, so metrics carry bootstrap intervals.'
  }
}

export function fraudTrainingSet (seed: number, rows: number): TrainingSet {
  const traffic = generateFraudTraffic(seededRandom(seed), rows)
  return {
    ...splitAt(traffic, 0.8),
    dataset: `generated: generateFraudTraffic(seed=${seed}, rows=${rows}), 80/20 split`,
    dataSha256: sha256(JSON.stringify(traffic)),
    notes: 'Seeded synthetic traffic with known bot behaviour (click farms, datacenter bots, bursts, scripted agents, human-mimicking bots, humans on VPNs).'
  }
}

export function auctionTrainingSet (seed: number, rows: number): TrainingSet {
  const auctions = generateAuctions(seededRandom(seed), rows)
  return {
    ...splitAt(auctions, 0.8),
    dataset: `generated: generateAuctions(seed=${seed}, rows=${rows}), 80/20 split; label = second-price clearing CPM`,
    dataSha256: sha256(JSON.stringify(auctions)),
    notes: 'Seeded second-price auctions with reserve: price to win = max(floor, highest rival bid).'
  }
}
