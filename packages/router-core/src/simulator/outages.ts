import { providerIds, type ProviderId } from '@platform/contracts'
import type { Random } from '@platform/seeded-random'

interface Outage { provider: ProviderId, start: number, end: number }

/**
 * Provider outages drawn once per simulated world: about one every four days per provider,
 * lasting one to four hours. During an outage latency triples and half the runs fail.
 */
export class OutageCalendar {
  readonly outages: readonly Outage[]

  constructor (outages: readonly Outage[]) {
    this.outages = outages
  }

  static draw (rng: Random, startMs: number, endMs: number, perDay = 0.25): OutageCalendar {
    const outages: Outage[] = []
    const days = (endMs - startMs) / 86_400_000
    for (const provider of providerIds) {
      // Poisson arrivals with mean days * perDay.
      let t = startMs
      for (;;) {
        t += (-Math.log(Math.max(rng.next(), 1e-12)) / perDay) * 86_400_000
        if (t >= endMs || days <= 0) break
        outages.push({ provider, start: t, end: t + (1 + 3 * rng.next()) * 3_600_000 })
      }
    }
    return new OutageCalendar(outages)
  }

  /** The same outages as someone who learns of each one `ms` after it starts would see them. */
  noticedLate (ms: number): OutageCalendar {
    return new OutageCalendar(this.outages.map((o) => ({ ...o, start: Math.min(o.start + ms, o.end) })))
  }

  isDown (provider: ProviderId, at: Date): boolean {
    const ms = at.getTime()
    return this.outages.some((o) => o.provider === provider && o.start <= ms && ms < o.end)
  }
}
