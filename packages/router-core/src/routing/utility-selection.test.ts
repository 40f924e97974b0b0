import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SandboxConstraints } from '@platform/contracts'
import { chooseByUtility, type ScoredCandidate } from './utility-selection.js'
import { defaultWeights } from './utility.js'

const constraints = SandboxConstraints.parse({})
const scales = { cost: 0.1, latency: 0.1, failure: 0.3 }
const candidate = (id: ScoredCandidate['id'], costUsd: number, latencyMs = 800, successProbability = 0.99): ScoredCandidate => ({ id, regions: ['us-east'], costUsd, latencyMs, successProbability })

describe('chooseByUtility confidence', () => {
  it('is above one half on a near-tie: either provider is a good decision', () => {
    const choice = chooseByUtility([candidate('e2b', 0.0002), candidate('modal', 0.0002)], [], constraints, defaultWeights, scales)
    expect(choice?.provider).toBe('e2b')
    expect(choice?.confidence).toBeGreaterThan(0.5)
  })

  it('rises with the margin and stays above one half for the lower loss (property)', () => {
    fc.assert(fc.property(fc.double({ min: 1e-5, max: 1e-2, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (cost, gap) => {
      const close = chooseByUtility([candidate('e2b', cost), candidate('modal', cost * (1 + gap))], [], constraints, defaultWeights, scales)
      const wider = chooseByUtility([candidate('e2b', cost), candidate('modal', cost * (1 + gap + 0.5))], [], constraints, defaultWeights, scales)
      expect(close?.provider).toBe('e2b')
      expect(wider?.confidence).toBeGreaterThanOrEqual(close?.confidence ?? 1)
      expect(close?.confidence).toBeGreaterThan(0.5)
    }))
  })
})
