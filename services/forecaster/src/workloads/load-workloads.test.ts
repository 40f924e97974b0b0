import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '@platform/service-kit'
import { Config } from '../config.js'
import { loadWorkloads, parseWorkloadsYaml } from './load-workloads.js'

function problems (run: () => unknown): Array<{ path: string, message: string }> {
  try {
    run()
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems]
    throw err
  }
  throw new Error('expected a ConfigError')
}

const twoWorkloads = `
workloads:
  - name: checkout
    metric: http_rps
    prometheusURL: http://prometheus:9090/prom
    prometheusQuery: sum(rate(http_requests_total{app="checkout"}[1m]))
    currentReplicasQuery: kube_deployment_status_replicas{deployment="checkout"}
    horizon: 30m
    step: 1m
    interval: 30s
    window: 7d
    targetPerPod: 50
    minReplicas: 2
    maxReplicas: 40
    quantileLevel: 0.9
    leadTime: 5m
  - name: search
    model: byom
    byomURL: http://byom:8000/predict
    byomTimeout: 2s
    prometheusQuery: sum(rate(search_requests_total[1m]))
`

describe('parseWorkloadsYaml', () => {
  it('reads the seed fields with durations and fills the global Prometheus URL', () => {
    const [checkout, search] = parseWorkloadsYaml(twoWorkloads, { prometheusURL: 'http://default:9090' })
    expect(checkout).toMatchObject({ name: 'checkout', horizon: 1800, step: 60, interval: 30, window: 604_800, targetPerPod: 50, leadTime: 300, prometheusURL: 'http://prometheus:9090/prom', model: 'baseline' })
    expect(search).toMatchObject({ name: 'search', model: 'byom', byomTimeout: 2, prometheusURL: 'http://default:9090', fallbackModel: 'baseline', headroom: 1.2 })
  })

  it('names the workload and the field of every problem', () => {
    const text = `
workloads:
  - name: checkout
    prometheusURL: http://p:9090
    prometheusQuery: up
    targetPerPod: -5
    horizon: soon
  - name: search
    model: byom
    file: /data/s.csv
    minReplicas: 5
    maxReplicas: 2
  - metric: x
`
    expect(problems(() => parseWorkloadsYaml(text))).toEqual(expect.arrayContaining([
      { path: 'workloads.checkout.targetPerPod', message: expect.stringContaining('>0') },
      { path: 'workloads.checkout.horizon', message: '"soon" is not a positive duration such as 30s, 1m, 1h30m, 7d or 60 (seconds)' },
      { path: 'workloads.search.byomURL', message: 'is required when model is byom' },
      { path: 'workloads.search.maxReplicas', message: 'must be >= minReplicas (5)' },
      { path: 'workloads.2.name', message: expect.any(String) }
    ]))
  })

  it('fills the global Prometheus URL for a file workload that counts its replicas there, as the env form does', () => {
    const [fromFile] = parseWorkloadsYaml('workloads:\n  - { name: a, file: /data/a.csv, currentReplicasQuery: up }\n', { prometheusURL: 'http://prom:9090' })
    expect(fromFile).toMatchObject({ file: '/data/a.csv', prometheusURL: 'http://prom:9090', currentReplicasQuery: 'up' })
    const config = loadConfig(Config, { FILE: '/data/a.csv', CURRENT_REPLICAS_QUERY: 'up', PROM_URL: 'http://prom:9090' })
    expect(loadWorkloads(config, () => '')[0]?.prometheusURL).toBe('http://prom:9090')
  })

  it('reads YAML merge keys, so workloads can share settings', () => {
    const text = 'workloads:\n  - &base { name: a, file: /data/a.csv, interval: 1m, targetPerPod: 5 }\n  - <<: *base\n    name: b\n'
    expect(parseWorkloadsYaml(text).map((w) => [w.name, w.interval, w.targetPerPod])).toEqual([['a', 60, 5], ['b', 60, 5]])
  })

  it('refuses an interval longer than a day (a timer cannot hold 30 days: the loop would spin)', () => {
    expect(problems(() => parseWorkloadsYaml('workloads:\n  - { name: a, file: /data/a.csv, interval: 30d }\n'))).toEqual([{ path: 'workloads.a.interval', message: 'must be at most 1d' }])
    expect(parseWorkloadsYaml('workloads:\n  - { name: a, file: /data/a.csv, interval: 1d }\n')[0]?.interval).toBe(86_400)
  })

  it('reads adaptiveQuantile with the replay\'s defaults and names its fields in problems', () => {
    const [on] = parseWorkloadsYaml('workloads:\n  - name: a\n    file: x.csv\n    adaptiveQuantile: { max: 0.9 }\n')
    expect(on?.adaptiveQuantile).toEqual({ target: 0.45, gain: 0.02, initial: 0.5, min: 0.05, max: 0.9 })
    expect(problems(() => parseWorkloadsYaml('workloads:\n  - name: a\n    file: x.csv\n    adaptiveQuantile: { min: 0.6, max: 0.4 }\n'))).toEqual([{ path: 'workloads.a.adaptiveQuantile.max', message: 'must be >= min' }])
  })

  it('refuses unknown fields, duplicates, an empty list and bad YAML', () => {
    expect(problems(() => parseWorkloadsYaml('workloads:\n  - name: a\n    file: x.csv\n    targetPerPood: 3\n'))[0]?.path).toBe('workloads.a')
    expect(problems(() => parseWorkloadsYaml('workloads:\n  - {name: a, file: x.csv}\n  - {name: a, file: y.csv}\n'))).toEqual([{ path: 'workloads.a.name', message: 'is used by another workload' }])
    expect(problems(() => parseWorkloadsYaml('workloads: []\n'))).toEqual([{ path: 'workloads', message: 'must list at least one workload' }])
    expect(problems(() => parseWorkloadsYaml('workloads:\n  - name: [a\n'))[0]?.path).toBe('yaml')
    expect(problems(() => parseWorkloadsYaml('workload:\n  - name: a\n')).map((p) => p.path)).toContain('workloads')
  })
})

describe('loadWorkloads', () => {
  it('builds the single workload from flags/env with the seed names', () => {
    const config = loadConfig(Config, { WORKLOAD: 'api', PROM_URL: 'http://p:9090', PROM_QUERY: 'up', TARGET_PER_POD: '20', MIN_REPLICAS: '3', HORIZON: '1h', MODEL: 'holt-winters' })
    expect(loadWorkloads(config, () => '')).toEqual([expect.objectContaining({ name: 'api', targetPerPod: 20, minReplicas: 3, horizon: 3600, model: 'holt-winters' })])
  })

  it('names the variable and the field for a bad single-workload value', () => {
    const config = loadConfig(Config, { PROM_URL: 'http://p:9090', PROM_QUERY: 'up', TARGET_PER_POD: 'many' })
    expect(problems(() => loadWorkloads(config, () => ''))).toEqual([
      { path: 'TARGET_PER_POD', message: 'Invalid input: expected number, received NaN (workload "default", field targetPerPod)' }
    ])
    const noUrl = loadConfig(Config, { WORKLOAD: 'api', PROM_QUERY: 'up' })
    expect(problems(() => loadWorkloads(noUrl, () => ''))).toEqual([
      { path: 'PROM_URL', message: 'is required with prometheusQuery (workload "api", field prometheusURL)' }
    ])
  })

  it('reports an unreadable config file under CONFIG', () => {
    const config = loadConfig(Config, { CONFIG: '/nope.yaml' })
    expect(problems(() => loadWorkloads(config, () => { throw new Error('ENOENT') }))).toEqual([{ path: 'CONFIG', message: 'cannot read /nope.yaml: ENOENT' }])
  })
})
