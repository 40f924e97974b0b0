{{/* Service with the chart's named ports; the caller passes root and ports (YAML list). */}}
{{- define "platform-common.service" -}}
{{- $root := .root -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "platform-common.fullname" $root }}
  labels:
    {{- include "platform-common.labels" $root | nindent 4 }}
spec:
  type: {{ $root.Values.service.type }}
  selector:
    {{- include "platform-common.selectorLabels" $root | nindent 4 }}
  ports:
    {{- .ports | nindent 4 }}
{{- end -}}

{{- define "platform-common.hpa" -}}
{{- if .Values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "platform-common.fullname" . }}
  labels:
    {{- include "platform-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    {{- if .Values.rollout.enabled }}
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    {{- else }}
    apiVersion: apps/v1
    kind: Deployment
    {{- end }}
    name: {{ include "platform-common.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}

{{- define "platform-common.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "platform-common.fullname" . }}
  labels:
    {{- include "platform-common.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "platform-common.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* Ingress only on the service ports, from the namespaces/pods listed in values; egress is left open (Prometheus, Redis, BYOM live elsewhere). */}}
{{- define "platform-common.networkPolicy" -}}
{{- $root := .root -}}
{{- if $root.Values.networkPolicy.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "platform-common.fullname" $root }}
  labels:
    {{- include "platform-common.labels" $root | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "platform-common.selectorLabels" $root | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    - ports:
        {{- .ports | nindent 8 }}
      {{- with $root.Values.networkPolicy.allowFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
{{- end -}}

{{- define "platform-common.serviceMonitor" -}}
{{- if .Values.serviceMonitor.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "platform-common.fullname" . }}
  labels:
    {{- include "platform-common.labels" . | nindent 4 }}
    {{- with .Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "platform-common.selectorLabels" . | nindent 6 }}
  {{- /* job and service name the chart, as the rules, dashboards and canary analysis select them,
         not the release's Service (platform-forecaster under the umbrella chart). */}}
  jobLabel: app.kubernetes.io/name
  {{- if .Values.rollout.enabled }}
  podTargetLabels: [rollouts-pod-template-hash]
  {{- end }}
  endpoints:
    - port: http
      path: /metrics
      interval: {{ .Values.serviceMonitor.interval }}
      # Keeps the service label every series carries; else the Service name replaces it.
      honorLabels: true
{{- end }}
{{- end -}}

{{/* The same rule groups Prometheus loads outside Kubernetes (infra/prometheus/rules), shipped in files/. */}}
{{- define "platform-common.prometheusRule" -}}
{{- if .Values.prometheusRule.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ include "platform-common.fullname" . }}
  labels:
    {{- include "platform-common.labels" . | nindent 4 }}
    {{- with .Values.prometheusRule.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  {{- $rules := .Files.Get "files/rules.yml" | fromYaml }}
  groups:
    {{- toYaml $rules.groups | nindent 4 }}
{{- end }}
{{- end -}}

{{- define "platform-common.dashboard" -}}
{{- if .Values.dashboard.enabled }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "platform-common.fullname" . }}-dashboard
  labels:
    {{- include "platform-common.labels" . | nindent 4 }}
    {{- toYaml .Values.dashboard.labels | nindent 4 }}
data:
  {{ .Chart.Name }}.json: |-
    {{- .Files.Get "files/dashboard.json" | nindent 4 }}
{{- end }}
{{- end -}}

{{/*
Argo Rollouts analysis: the canary pods' success rate and p95 latency from their own HTTP metrics.
The ServiceMonitor copies the pods' rollouts-pod-template-hash label onto every series, so the
queries select exactly the canary's pods; probe, scrape and docs routes are left out, as
canary-analysis's http profile does, so their fast 200s do not dilute the canary's traffic.
*/}}
{{- define "platform-common.analysisTemplate" -}}
{{- if .Values.rollout.enabled }}
{{- if not .Values.serviceMonitor.enabled }}
{{- fail "rollout.enabled needs serviceMonitor.enabled: the analysis reads the canary pods' metrics through it" }}
{{- end }}
{{- $a := .Values.rollout.analysis }}
{{- $sel := printf "service=\"%s\",rollouts_pod_template_hash=\"{{args.canary-hash}}\",route!~\"%s\"" .Chart.Name "/healthz|/readyz|/metrics|/docs.*|/health/.*|/v2/health/.*" }}
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: {{ include "platform-common.fullname" . }}-canary
  labels:
    {{- include "platform-common.labels" . | nindent 4 }}
spec:
  args:
    - name: canary-hash
  metrics:
    - name: success-rate
      interval: {{ $a.interval }}
      failureLimit: {{ $a.failureLimit }}
      successCondition: "result[0] >= {{ $a.minSuccessRate }}"
      provider:
        prometheus:
          address: {{ $a.prometheusAddress }}
          query: |
            sum(rate(http_requests_total{ {{- $sel }},status_code!~"5.."}[{{ $a.interval }}]))
            /
            sum(rate(http_requests_total{ {{- $sel }}}[{{ $a.interval }}]))
    - name: p95-latency
      interval: {{ $a.interval }}
      failureLimit: {{ $a.failureLimit }}
      successCondition: "result[0] <= {{ $a.maxP95Seconds }}"
      provider:
        prometheus:
          address: {{ $a.prometheusAddress }}
          query: |
            histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{ {{- $sel }}}[{{ $a.interval }}])))
{{- end }}
{{- end -}}

{{/* ServiceMonitor, PrometheusRule and dashboard ConfigMap, each only when enabled. */}}
{{- define "platform-common.monitoring" -}}
{{- $docs := list (include "platform-common.serviceMonitor" .) (include "platform-common.prometheusRule" .) (include "platform-common.dashboard" .) -}}
{{- range $docs }}
{{- if trim . }}
---
{{ . }}
{{- end }}
{{- end }}
{{- end -}}
