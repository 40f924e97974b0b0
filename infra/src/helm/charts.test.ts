import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { WorkloadConfig, WorkloadsFile } from '@platform/contracts'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { rulesDir } from '../prometheus/promtool.js'
import { dashboardsDir } from '../promql/queries.js'
import { buildDependencies, lintChart, renderChart, serviceCharts, type Manifest, type ServiceChart } from './helm-cli.js'
import { schemaProblems } from './kube-schema.js'
import { checkManifests } from './manifest-checks.js'

// The forecaster's Prometheus auth and CA, which only extraEnv and extra volumes can pass.
const authenticatedPrometheus = {
  extraEnv: [
    { name: 'PROM_BEARER_TOKEN', valueFrom: { secretKeyRef: { name: 'prometheus-token', key: 'token' } } },
    { name: 'PROM_CA_FILE', value: '/etc/prometheus-ca/ca.crt' }
  ],
  extraVolumes: [{ name: 'prometheus-ca', configMap: { name: 'prometheus-ca' } }],
  extraVolumeMounts: [{ name: 'prometheus-ca', mountPath: '/etc/prometheus-ca', readOnly: true }]
}

// Value sets every chart must render cleanly with, beyond the defaults.
const variations: Record<string, Record<string, unknown>> = {
  'ServiceMonitor on': { serviceMonitor: { enabled: true } },
  'Argo Rollout canary on': { serviceMonitor: { enabled: true }, rollout: { enabled: true } },
  'PrometheusRule on': { prometheusRule: { enabled: true } },
  'Grafana dashboard ConfigMap on': { dashboard: { enabled: true } },
  'admin token and locked-down ingress': {
    adminToken: { existingSecret: 'platform-admin' },
    networkPolicy: { allowFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }
  }
}
const chartVariations: Record<ServiceChart, Record<string, Record<string, unknown>>> = {
  forecaster: {
    'Redis HA with a KEDA ScaledObject': { replicaCount: 2, storage: 'redis', redis: { existingSecret: 'forecaster-redis' }, kedaScaledObject: { enabled: true } },
    'authenticated Prometheus with a private CA': authenticatedPrometheus
  },
  'ml-router': {
    'catalog and model PVC': { providerCatalog: { providers: [{ name: 'e2b' }] }, modelStore: { existingClaim: 'router-models' } },
    'Redis with the HPA': { redis: { existingSecret: 'router-redis' }, autoscaling: { enabled: true } }
  },
  'ml-inference': {
    'HPA off, models from an init image': { autoscaling: { enabled: false }, models: { initImage: 'registry.example/ads-models:2026-11-01' } },
    'models from a PVC': { models: { existingClaim: 'ads-models' } }
  }
}

const kinds = (manifests: Manifest[]) => manifests.map((m) => m.kind).sort()

describe.each(serviceCharts)('helm/%s', (chart) => {
  beforeAll(() => buildDependencies(chart), 60_000)
  const cases = Object.entries({ defaults: {}, ...variations, ...chartVariations[chart] })

  it.each(cases)('passes helm lint --strict with %s', (_name, values) => {
    expect(lintChart(chart, values)).toContain('0 chart(s) failed')
  })

  it.each(cases)('renders the fields that matter with %s', (_name, values) => {
    expect(checkManifests(renderChart(chart, values))).toEqual([])
  })

  it.each(cases)('renders objects valid against the Kubernetes schemas with %s', (_name, values) => {
    expect(schemaProblems(renderChart(chart, values))).toEqual([])
  })

  it('renders a Rollout with its AnalysisTemplate and a ServiceMonitor that carries the pod hash', () => {
    const manifests = renderChart(chart, variations['Argo Rollout canary on'])
    expect(kinds(manifests)).toEqual(expect.arrayContaining(['AnalysisTemplate', 'Rollout', 'ServiceMonitor']))
    expect(kinds(manifests)).not.toContain('Deployment')
    const monitor = manifests.find((m) => m.kind === 'ServiceMonitor')
    expect(monitor?.spec?.podTargetLabels).toEqual(['rollouts-pod-template-hash'])
    // The analysis reads the canary's API traffic, not its probes and scrapes.
    const analysis = JSON.stringify(manifests.find((m) => m.kind === 'AnalysisTemplate')?.spec)
    expect(analysis.match(/route!~\\"\/healthz\|\/readyz\|\/metrics\|/g)).toHaveLength(3)
  })

  it('scrapes with job and service named after the chart, whatever the release is called', () => {
    const monitor = renderChart(chart, variations['ServiceMonitor on']).find((m) => m.kind === 'ServiceMonitor')
    const service = renderChart(chart).find((m) => m.kind === 'Service')
    expect(monitor?.spec?.jobLabel).toBe('app.kubernetes.io/name')
    expect(service?.metadata.labels?.['app.kubernetes.io/name']).toBe(chart)
    expect(monitor?.spec?.endpoints).toEqual([expect.objectContaining({ port: 'http', honorLabels: true })])
  })

  it('ships the same alert rules Prometheus loads outside Kubernetes', () => {
    const rule = renderChart(chart, { prometheusRule: { enabled: true } }).find((m) => m.kind === 'PrometheusRule')
    const file = parse(readFileSync(join(rulesDir, `${chart}.rules.yml`), 'utf8')) as { groups: unknown }
    expect(rule?.spec?.groups).toEqual(file.groups)
  })

  it('ships its Grafana dashboard in a ConfigMap the sidecar picks up', () => {
    const map = renderChart(chart, { dashboard: { enabled: true } }).find((m) => m.metadata.name.endsWith('-dashboard'))
    expect(map?.metadata.labels?.grafana_dashboard).toBe('1')
    const json = map?.data?.[`${chart}.json`] ?? ''
    expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(join(dashboardsDir, `${chart}.json`), 'utf8')))
  })

  it('generates the admin token Secret unless an existing one is named', () => {
    const secretNames = (values: Record<string, unknown>) => renderChart(chart, values).filter((m) => m.kind === 'Secret').map((m) => m.metadata.name)
    expect(secretNames({})).toEqual([`release-${chart}-admin`])
    expect(secretNames({ adminToken: { existingSecret: 'platform-admin' } })).toEqual([])
  })

  it('refuses values outside the schema and a canary without its metrics', () => {
    expect(() => renderChart(chart, { replicas: 3 })).toThrow(/additional properties 'replicas' not allowed/)
    expect(() => renderChart(chart, { image: { pullPolicy: 'Sometimes' } })).toThrow(/pullPolicy/)
    expect(() => renderChart(chart, { rollout: { enabled: true } })).toThrow(/rollout.enabled needs serviceMonitor.enabled/)
  })
})

describe('chart specifics', () => {
  it('scales inference with an HPA, the router with one once it has Redis, and leaves the forecaster without one', () => {
    expect(kinds(renderChart('ml-router'))).not.toContain('HorizontalPodAutoscaler')
    expect(kinds(renderChart('ml-router', { redis: { existingSecret: 'router-redis' }, autoscaling: { enabled: true } }))).toContain('HorizontalPodAutoscaler')
    expect(kinds(renderChart('ml-inference'))).toContain('HorizontalPodAutoscaler')
    expect(kinds(renderChart('forecaster'))).not.toContain('HorizontalPodAutoscaler')
  })

  it('refuses several router replicas without Redis, where each would keep its own telemetry and A/B test', () => {
    expect(() => renderChart('ml-router', { replicaCount: 2 })).toThrow(/more than one replica needs redis.existingSecret/)
    expect(() => renderChart('ml-router', { autoscaling: { enabled: true } })).toThrow(/more than one replica needs redis.existingSecret/)
  })

  it('exposes the forecaster on HTTP 8081 and gRPC 50051 and points KEDA at the gRPC port', () => {
    const manifests = renderChart('forecaster', { kedaScaledObject: { enabled: true } })
    const service = manifests.find((m) => m.kind === 'Service')
    expect(service?.spec?.ports).toEqual([
      { name: 'http', port: 8081, targetPort: 'http' },
      { name: 'grpc', port: 50051, targetPort: 'grpc', appProtocol: 'grpc' }
    ])
    const scaled = manifests.find((m) => m.kind === 'ScaledObject')
    expect(scaled?.spec?.triggers).toEqual([{ type: 'external', metricType: 'AverageValue', metadata: { scalerAddress: 'release-forecaster.platform.svc:50051', workload: 'checkout' } }])
    expect(manifests.find((m) => m.kind === 'ConfigMap')?.data?.['workloads.yaml']).toContain('name: checkout')
  })

  it('passes extra env entries, volumes and mounts through, beside its own, and one fit worker by default', () => {
    const pod = (values: Record<string, unknown>) => (renderChart('forecaster', values).find((m) => m.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { volumes: Array<{ name: string }>, containers: Array<{ env: Array<{ name: string, value?: string }>, volumeMounts: Array<{ name: string }> }> } } }
    }).spec.template.spec
    const plain = pod({})
    expect(plain.containers[0]?.env.find((e) => e.name === 'FIT_WORKERS')?.value).toBe('1')
    const withAuth = pod(authenticatedPrometheus)
    const container = withAuth.containers[0]
    expect(container?.env.slice(-2)).toEqual(authenticatedPrometheus.extraEnv)
    expect(container?.env.length).toBe((plain.containers[0]?.env.length ?? 0) + 2)
    expect(container?.volumeMounts.map((m) => m.name)).toEqual(['workloads', 'tmp', 'prometheus-ca'])
    expect(withAuth.volumes.map((v) => v.name)).toEqual(['workloads', 'tmp', 'prometheus-ca'])
  })

  it("renders a workloads file the forecaster's own schema accepts", () => {
    const map = renderChart('forecaster').find((m) => m.metadata.name.endsWith('-workloads'))
    const file = WorkloadsFile.parse(parse(map?.data?.['workloads.yaml'] ?? ''))
    // The forecaster fills prometheusURL from PROM_URL (the chart's prometheusURL) when a workload leaves it out.
    const env = renderChart('forecaster').find((m) => m.kind === 'Deployment') as unknown as { spec: { template: { spec: { containers: Array<{ env: Array<{ name: string, value?: string }> }> } } } }
    const promUrl = env.spec.template.spec.containers[0]?.env.find((e) => e.name === 'PROM_URL')?.value
    for (const workload of file.workloads) expect(WorkloadConfig.safeParse({ prometheusURL: promUrl, ...(workload as object) }).error).toBeUndefined()
  })

  it('needs the Redis secret when the forecaster stores snapshots in Redis', () => {
    expect(() => renderChart('forecaster', { storage: 'redis' })).toThrow(/storage: redis needs redis.existingSecret/)
  })
})

describe('helm/platform (the umbrella chart)', () => {
  beforeAll(() => {
    // The umbrella packs each service chart with its vendored library chart, so those go first.
    for (const chart of serviceCharts) buildDependencies(chart)
    buildDependencies('platform')
  }, 120_000)
  // Generated admin tokens are random on every render; everything else must match exactly.
  const comparable = (manifests: Manifest[]) => manifests
    .map((m) => m.kind === 'Secret' ? { ...m, data: Object.keys(m.data ?? {}) } : m)
    .sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`))

  it('passes helm lint --strict with every service and with one left out', () => {
    expect(lintChart('platform')).toContain('0 chart(s) failed')
    expect(lintChart('platform', { tags: { forecaster: false } })).toContain('0 chart(s) failed')
  })

  // So every check above of a service chart's output holds for the umbrella's too.
  it('renders exactly what the three service charts render on their own', () => {
    const alone = serviceCharts.flatMap((chart) => renderChart(chart))
    expect(comparable(renderChart('platform'))).toEqual(comparable(alone))
  })

  it("leaves a service out by its tag and passes each service's values to its chart", () => {
    const withoutInference = renderChart('platform', { tags: { 'ml-inference': false }, 'ml-router': { autoscaling: { enabled: false } } })
    expect(withoutInference.map((m) => m.metadata.name)).not.toContain('release-ml-inference')
    expect(withoutInference.filter((m) => m.kind === 'HorizontalPodAutoscaler')).toEqual([])
    expect(comparable(withoutInference)).toEqual(comparable([...renderChart('forecaster'), ...renderChart('ml-router', { autoscaling: { enabled: false } })]))
  })

  it("refuses a value outside a service chart's schema and an unknown service", () => {
    expect(() => renderChart('platform', { 'ml-router': { replicas: 3 } })).toThrow(/ml-router:[\s\S]*additional properties 'replicas' not allowed/)
    expect(() => renderChart('platform', { tags: { billing: true } })).toThrow(/additional properties 'billing' not allowed/)
  })
})

describe('checkManifests', () => {
  it('reports a missing probe, a writable root filesystem and a Service that selects nothing', () => {
    const manifests = renderChart('ml-router')
    const workload = manifests.find((m) => m.kind === 'Deployment') as unknown as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } }
    const container = workload.spec.template.spec.containers[0] as { readinessProbe?: unknown, securityContext: { readOnlyRootFilesystem: boolean } }
    delete container.readinessProbe
    container.securityContext.readOnlyRootFilesystem = false
    const service = manifests.find((m) => m.kind === 'Service') as unknown as { spec: { selector: Record<string, string> } }
    service.spec.selector = { app: 'other' }
    expect(checkManifests(manifests)).toEqual([
      'container ml-router: readOnlyRootFilesystem is not true',
      'container ml-router: no HTTP readiness probe',
      'Service release-ml-router: selector does not match the pods'
    ])
  })
})

describe('schemaProblems', () => {
  it('reports a field of the wrong type and a kind it has no schema for', () => {
    const manifests = renderChart('ml-inference')
    const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler') as unknown as { spec: { minReplicas: unknown } }
    hpa.spec.minReplicas = 'two'
    const problems = schemaProblems([...manifests, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' } }])
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^autoscaling\/v2\/HorizontalPodAutoscaler release-ml-inference: .*minReplicas must be integer/)
    expect(problems[1]).toBe('batch/v1/Job x: no schema to check it against')
  })
})
