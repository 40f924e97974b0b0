import type { Manifest } from './helm-cli.js'

interface Probe { httpGet?: { path?: string, port?: string | number } }
interface Container {
  name: string
  ports?: Array<{ name?: string, containerPort: number }>
  livenessProbe?: Probe
  readinessProbe?: Probe
  resources?: { requests?: { cpu?: unknown, memory?: unknown }, limits?: { memory?: unknown } }
  securityContext?: {
    runAsNonRoot?: boolean
    readOnlyRootFilesystem?: boolean
    allowPrivilegeEscalation?: boolean
    capabilities?: { drop?: string[] }
  }
}
interface PodTemplate { metadata?: { labels?: Record<string, string> }, spec: { containers: Container[], initContainers?: Container[] } }

const workloadKinds = new Set(['Deployment', 'Rollout'])

/** True when every selector entry is among the labels. */
function selects (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (selector === undefined || Object.keys(selector).length === 0) return false
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v)
}

function containerProblems (where: string, c: Container, probes: { live: string, ready: string }, isInit: boolean): string[] {
  const problems: string[] = []
  const sc = c.securityContext
  if (sc?.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`)
  if (sc?.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`)
  if (sc?.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`)
  if (!(sc?.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: capabilities do not drop ALL`)
  if (c.resources?.requests?.cpu === undefined || c.resources.requests.memory === undefined) problems.push(`${where}: no cpu and memory requests`)
  if (c.resources?.limits?.memory === undefined) problems.push(`${where}: no memory limit`)
  if (isInit) return problems
  const portNames = new Set((c.ports ?? []).map((p) => p.name))
  for (const [kind, probe, path] of [['liveness', c.livenessProbe, probes.live], ['readiness', c.readinessProbe, probes.ready]] as const) {
    if (probe?.httpGet === undefined) {
      problems.push(`${where}: no HTTP ${kind} probe`)
      continue
    }
    if (probe.httpGet.path !== path) problems.push(`${where}: ${kind} probe on ${String(probe.httpGet.path)}, expected ${path}`)
    if (!portNames.has(String(probe.httpGet.port))) problems.push(`${where}: ${kind} probe port ${String(probe.httpGet.port)} is not a named container port`)
  }
  return problems
}

/**
 * The fields that matter in a chart's output: probes on the real endpoints, hardened containers
 * with requests and limits, and every selector (Service, PDB, NetworkPolicy, HPA target,
 * ServiceMonitor port) agreeing with the pod it is meant to reach. Returns one line per problem.
 */
export function checkManifests (manifests: readonly Manifest[], probes = { live: '/healthz', ready: '/readyz' }): string[] {
  const problems: string[] = []
  const workloads = manifests.filter((m) => workloadKinds.has(m.kind))
  if (workloads.length !== 1) return [`expected one Deployment or Rollout, found ${workloads.length}`]
  const workload = workloads[0] as Manifest
  const spec = workload.spec as { selector?: { matchLabels?: Record<string, string> }, template: PodTemplate }
  const podLabels = spec.template.metadata?.labels
  if (!selects(spec.selector?.matchLabels, podLabels)) problems.push(`${workload.kind}: selector does not match the pod template labels`)
  for (const c of spec.template.spec.containers) problems.push(...containerProblems(`container ${c.name}`, c, probes, false))
  for (const c of spec.template.spec.initContainers ?? []) problems.push(...containerProblems(`init container ${c.name}`, c, probes, true))
  const containerPorts = new Set(spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)))

  const byKind = (kind: string) => manifests.filter((m) => m.kind === kind)
  const services = byKind('Service')
  if (services.length === 0) problems.push('no Service')
  for (const svc of services) {
    const s = svc.spec as { selector?: Record<string, string>, ports: Array<{ name: string, targetPort: string | number }> }
    if (!selects(s.selector, podLabels)) problems.push(`Service ${svc.metadata.name}: selector does not match the pods`)
    for (const p of s.ports) if (!containerPorts.has(String(p.targetPort))) problems.push(`Service ${svc.metadata.name}: targetPort ${String(p.targetPort)} is not a container port`)
  }
  const servicePorts = new Set(services.flatMap((svc) => (svc.spec as { ports: Array<{ name: string }> }).ports.map((p) => p.name)))
  for (const kind of ['PodDisruptionBudget', 'ServiceMonitor']) {
    for (const m of byKind(kind)) {
      const s = m.spec as { selector?: { matchLabels?: Record<string, string> } }
      const target = kind === 'ServiceMonitor' ? services[0]?.metadata.labels : podLabels
      if (!selects(s.selector?.matchLabels, target)) problems.push(`${kind} ${m.metadata.name}: selector does not match`)
    }
  }
  for (const m of byKind('ServiceMonitor')) {
    for (const e of (m.spec as { endpoints: Array<{ port: string }> }).endpoints) {
      if (!servicePorts.has(e.port)) problems.push(`ServiceMonitor ${m.metadata.name}: port ${e.port} is not a Service port`)
    }
  }
  for (const m of byKind('NetworkPolicy')) {
    const s = m.spec as { podSelector?: { matchLabels?: Record<string, string> }, ingress?: Array<{ ports?: Array<{ port: string }> }> }
    if (!selects(s.podSelector?.matchLabels, podLabels)) problems.push(`NetworkPolicy ${m.metadata.name}: podSelector does not match the pods`)
    for (const p of (s.ingress ?? []).flatMap((i) => i.ports ?? [])) if (!containerPorts.has(p.port)) problems.push(`NetworkPolicy ${m.metadata.name}: port ${p.port} is not a container port`)
  }
  for (const m of byKind('HorizontalPodAutoscaler')) {
    const ref = (m.spec as { scaleTargetRef: { kind: string, name: string } }).scaleTargetRef
    if (ref.kind !== workload.kind || ref.name !== workload.metadata.name) problems.push(`HorizontalPodAutoscaler ${m.metadata.name}: targets ${ref.kind}/${ref.name}, not ${workload.kind}/${workload.metadata.name}`)
  }
  return problems
}
