import { providerIds, type ProviderCatalog, type ProviderId } from '@platform/contracts'
import { arrivalFeed, capabilityExclusion, defaultWeights, expectedLoss, featureCount, RollingProviderStats, writeFeatures, type TrainingSet } from '@platform/router-core'
import type { ModelBundle } from './model-bundle.js'

const providerIndex = new Map<ProviderId, number>(providerIds.map((id, i) => [id, i]))

/**
 * Labels for the provider model: for each request, the capable provider with the lowest expected
 * loss under default weights as the cost, latency and success models predict it, with every
 * provider's history as it stood then. The label is what the utility would choose, never the
 * provider the request was actually sent to, so the model does not imitate past routing.
 */
export function utilityLabels (bundle: ModelBundle, set: TrainingSet, catalog: ProviderCatalog, stats: RollingProviderStats = new RollingProviderStats()): Float64Array {
  const labels = new Float64Array(set.rows)
  const owners: number[] = []
  const ids: ProviderId[] = []
  const rows: number[] = []
  set.records.forEach((record, i) => {
    const at = Date.parse(record.submittedAt)
    for (const provider of catalog.providers) {
      if (capabilityExclusion(provider, record.spec) !== undefined) continue
      owners.push(i)
      ids.push(provider.id)
      rows.push(at)
    }
  })
  const features = new Float64Array(owners.length * featureCount)
  const feed = arrivalFeed(set.records, stats)
  let next = 0
  set.records.forEach((record, i) => {
    const at = Date.parse(record.submittedAt)
    feed(at)
    while (next < owners.length && owners[next] === i) {
      const id = ids[next] as ProviderId
      writeFeatures(features, next * featureCount, record.spec, id, stats.history(id, at), new Date(at))
      next++
    }
  })
  const estimates = bundle.scoreRows(features, owners.length)
  const best = new Float64Array(set.rows).fill(Infinity)
  estimates.forEach((estimate, k) => {
    const owner = owners[k] as number
    const loss = expectedLoss(estimate, defaultWeights)
    if (loss < (best[owner] as number)) {
      best[owner] = loss
      labels[owner] = providerIndex.get(ids[k] as ProviderId) as number
    }
  })
  return labels
}
