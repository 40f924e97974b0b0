import fc from 'fast-check'
import { AggregatorRegistry, Counter, Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { FastCounter, FastHistogram } from './fast-metrics.js'

const buckets = [0.001, 0.01, 0.1, 1]
const labelNames = ['model', 'version'] as const
type Event = { labels: { model: string, version: string }, value: number, child: boolean }

const event = fc.record({
  labels: fc.record({ model: fc.constantFrom('fraud', 'ctr', 'a"b\\c'), version: fc.constantFrom('1.0.0', '2.0.0') }),
  value: fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), fc.constantFrom(0.001, 0.01, 1, 0)),
  child: fc.boolean()
})

/** The same events into prom-client's metrics and into ours, each in a registry with default labels. */
function record (events: readonly Event[]) {
  const theirs = new Registry()
  const ours = new Registry()
  for (const registry of [theirs, ours]) registry.setDefaultLabels({ service: 's' })
  const counter = new Counter({ name: 'c_total', help: 'h', labelNames, registers: [theirs] })
  const histogram = new Histogram({ name: 'h_seconds', help: 'h', labelNames, buckets, registers: [theirs] })
  const fastCounter = new FastCounter({ name: 'c_total', help: 'h', labelNames, registers: [ours] })
  const fastHistogram = new FastHistogram({ name: 'h_seconds', help: 'h', labelNames, buckets, registers: [ours] })
  for (const { labels, value, child } of events) {
    counter.inc(labels, value)
    histogram.observe(labels, value)
    if (child) {
      fastCounter.child(labels).inc(value)
      fastHistogram.child(labels).observe(value)
    } else {
      fastCounter.inc(labels, value)
      fastHistogram.observe(labels, value)
    }
  }
  return { theirs, ours, fastCounter, fastHistogram, counter, histogram }
}

/** Exposition lines, sorted: the series' order is not part of the format. */
const lines = async (registry: Pick<Registry, 'metrics'>) => (await registry.metrics()).split('\n').sort()

describe('FastCounter and FastHistogram', () => {
  it('expose exactly what prom-client\'s counter and histogram expose for the same events', async () => {
    await fc.assert(fc.asyncProperty(fc.array(event, { maxLength: 40 }), async (events) => {
      const { theirs, ours } = record(events)
      expect(await lines(ours)).toEqual(await lines(theirs))
    }), { numRuns: 100 })
  })

  it('keep label sets of zero to three names apart as prom-client does, whatever their values', async () => {
    const names = ['a', 'b', 'c'] as const
    const value = fc.constantFrom('', 'x', 'x\u0000', '\u0000x', 'y')
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(fc.tuple(value, value, value), { maxLength: 30 }), async (count, events) => {
      const labelNames: readonly string[] = names.slice(0, count)
      const [theirs, ours] = [new Registry(), new Registry()]
      const counter = new Counter({ name: 'c_total', help: 'h', labelNames, registers: [theirs] })
      const histogram = new Histogram({ name: 'h_seconds', help: 'h', labelNames, buckets, registers: [theirs] })
      const fastCounter = new FastCounter({ name: 'c_total', help: 'h', labelNames, registers: [ours] })
      const fastHistogram = new FastHistogram({ name: 'h_seconds', help: 'h', labelNames, buckets, registers: [ours] })
      for (const values of events) {
        const labels = Object.fromEntries(labelNames.map((name, i) => [name, values[i] as string]))
        counter.inc(labels)
        histogram.observe(labels, 0.05)
        fastCounter.inc(labels)
        fastHistogram.observe(labels, 0.05)
      }
      expect(await lines(ours)).toEqual(await lines(theirs))
    }), { numRuns: 100 })
  })

  it('sum across cluster workers as prom-client\'s own do', async () => {
    await fc.assert(fc.asyncProperty(fc.array(event, { maxLength: 20 }), fc.array(event, { maxLength: 20 }), async (a, b) => {
      const [one, two] = [record(a), record(b)]
      const theirs = AggregatorRegistry.aggregate([await one.theirs.getMetricsAsJSON(), await two.theirs.getMetricsAsJSON()])
      const ours = AggregatorRegistry.aggregate([await one.ours.getMetricsAsJSON(), await two.ours.getMetricsAsJSON()])
      expect(await lines(ours)).toEqual(await lines(theirs))
    }), { numRuns: 50 })
  })

  it('zero, remove and reset a series as prom-client does', async () => {
    const { theirs, ours, fastHistogram, histogram, fastCounter, counter } = record([{ labels: { model: 'fraud', version: '1.0.0' }, value: 0.5, child: false }])
    fastHistogram.zero({ model: 'ctr', version: '1.0.0' })
    histogram.zero({ model: 'ctr', version: '1.0.0' })
    expect(await lines(ours)).toEqual(await lines(theirs))
    fastHistogram.remove({ model: 'fraud', version: '1.0.0' })
    histogram.remove({ model: 'fraud', version: '1.0.0' })
    fastCounter.remove({ model: 'fraud', version: '1.0.0' })
    counter.remove({ model: 'fraud', version: '1.0.0' })
    expect(await lines(ours)).toEqual(await lines(theirs))
    ours.resetMetrics()
    theirs.resetMetrics()
    expect(await lines(ours)).toEqual(await lines(theirs))
  })

  it('keep a child counting after its series was removed or reset, as prom-client\'s labels() handles do', async () => {
    const { theirs, ours, fastHistogram, histogram, fastCounter, counter } = record([])
    const labels = { model: 'fraud', version: '1.0.0' }
    const theirChildren = { c: counter.labels(labels), h: histogram.labels(labels) }
    const ourChildren = { c: fastCounter.child(labels), h: fastHistogram.child(labels) }
    const both = (value: number) => {
      theirChildren.c.inc(value); theirChildren.h.observe(value)
      ourChildren.c.inc(value); ourChildren.h.observe(value)
    }
    both(0.5)
    counter.remove(labels); histogram.remove(labels); fastCounter.remove(labels); fastHistogram.remove(labels)
    both(2)
    expect(await lines(ours)).toEqual(await lines(theirs))
    theirs.resetMetrics(); ours.resetMetrics()
    both(0.05)
    expect(await lines(ours)).toEqual(await lines(theirs))
  })

  it('refuse what prom-client refuses: a missing label, a counter going down, a non-finite value', () => {
    const { fastCounter, fastHistogram } = record([])
    expect(() => { fastCounter.inc({ model: 'fraud' } as never) }).toThrow(/label version is missing/)
    expect(() => { fastCounter.inc({ model: 'fraud', version: '1' }, -1) }).toThrow(/only goes up/)
    expect(() => { fastHistogram.observe({ model: 'fraud', version: '1' }, Number.NaN) }).toThrow(/not a valid number/)
    expect(() => new FastHistogram({ name: 'x', help: 'h', labelNames: [], buckets: [1, 1], registers: [] })).toThrow(/increasing/)
  })
})
