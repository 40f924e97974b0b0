import { Deployment } from 'kubernetes-models/apps/v1'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2'
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1'
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1'
import type { Manifest } from './helm-cli.js'

type Model = new (data: never) => { validate: () => void }

// The Kubernetes OpenAPI schemas of the built-in kinds the charts render (kubernetes-models).
const models: Record<string, Model> = {
  'apps/v1/Deployment': Deployment as unknown as Model,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler as unknown as Model,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as unknown as Model,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as Model,
  'v1/ConfigMap': ConfigMap as unknown as Model,
  'v1/Secret': Secret as unknown as Model,
  'v1/Service': Service as unknown as Model
}

/** Custom resources: no schema here, checked only by manifest-checks.ts. */
export const customKinds = new Set([
  'monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1/PrometheusRule',
  'argoproj.io/v1alpha1/AnalysisTemplate',
  'keda.sh/v1alpha1/ScaledObject'
])

/**
 * Validates each built-in object against its Kubernetes schema. An Argo Rollout's spec embeds a
 * Deployment-shaped pod template, so it is validated as a Deployment without its canary strategy.
 */
export function schemaProblems (manifests: readonly Manifest[]): string[] {
  return manifests.flatMap((m) => {
    let key = `${m.apiVersion}/${m.kind}`
    let data: unknown = m
    if (key === 'argoproj.io/v1alpha1/Rollout') {
      key = 'apps/v1/Deployment'
      data = { ...m, apiVersion: 'apps/v1', kind: 'Deployment', spec: { ...m.spec, strategy: undefined } }
    }
    if (customKinds.has(key)) return []
    const Model = models[key]
    if (Model === undefined) return [`${key} ${m.metadata.name}: no schema to check it against`]
    try {
      new Model(data as never).validate()
      return []
    } catch (err) {
      return [`${key} ${m.metadata.name}: ${err instanceof Error ? err.message : String(err)}`]
    }
  })
}
