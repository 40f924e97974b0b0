import { describe, expect, it } from 'vitest'
import { SandboxConstraints, type RecordedSpec } from '@platform/contracts'
import { defaultWeights } from '../routing/utility.js'
import { routeByRules } from '../routing/rule-based-router.js'
import { defaultProviderCatalog, parseProviderCatalog, weightsFor } from './catalog.js'

const costFirst = { cost: 10, latency: 0.01, risk: 1 }
const catalog = parseProviderCatalog({ ...defaultProviderCatalog, tenantWeights: { 'cost-first': costFirst } })
const spec = (tenant?: string): RecordedSpec => ({
  language: 'python', codeLength: 500, cpu: 2, memory: 1024, timeout: 30_000, gpu: false, requirements: [], environment: {}, files: {}, stateful: false, ...(tenant === undefined ? {} : { tenant })
})

describe('tenant weights', () => {
  it('takes the request\'s weights first, then its tenant\'s, then the defaults', () => {
    const own = { cost: 2, latency: 1, risk: 1 }
    expect(weightsFor(catalog, { spec: spec('cost-first'), weights: own })).toBe(own)
    expect(weightsFor(catalog, { spec: spec('cost-first') })).toEqual(costFirst)
    expect(weightsFor(catalog, { spec: spec('someone-else') })).toBe(defaultWeights)
    expect(weightsFor(catalog, { spec: spec() })).toBe(defaultWeights)
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(weightsFor(catalog, { spec: spec(name) }), name).toBe(defaultWeights)
  })

  it('changes the choice for that tenant only', () => {
    const constraints = SandboxConstraints.parse({})
    const byDefault = routeByRules(catalog, spec(), constraints, { weights: weightsFor(catalog, { spec: spec() }) })
    const forTenant = routeByRules(catalog, spec('cost-first'), constraints, { weights: weightsFor(catalog, { spec: spec('cost-first') }) })
    const cost = (r: typeof byDefault) => r.alternatives.find((a) => a.provider === r.provider)?.predictedCost ?? Infinity
    expect(forTenant.provider).not.toBe(byDefault.provider)
    expect(cost(forTenant)).toBeLessThan(cost(byDefault))
  })

  it('defaults to none and refuses negative weights', () => {
    expect(defaultProviderCatalog.tenantWeights).toEqual({})
    expect(() => parseProviderCatalog({ ...defaultProviderCatalog, tenantWeights: { t: { cost: -1 } } })).toThrow()
  })
})
