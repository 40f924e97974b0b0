{{/*
The pod template every service uses. The caller passes a dict:
  root: the chart context, container: the container's own fields (ports, env, probes, volumeMounts)
  as YAML, volumes: pod volumes as YAML, initContainers: as YAML (may be absent).
*/}}
{{- define "platform-common.podTemplate" -}}
{{- $root := .root -}}
metadata:
  labels:
    {{- include "platform-common.selectorLabels" $root | nindent 4 }}
  {{- with $root.Values.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    fsGroup: 10001
  terminationGracePeriodSeconds: {{ $root.Values.terminationGracePeriodSeconds }}
  {{- with .initContainers }}
  initContainers:
    {{- trim . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ $root.Chart.Name }}
      image: {{ include "platform-common.image" $root }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      securityContext:
        {{- include "platform-common.containerSecurityContext" $root | nindent 8 }}
      resources:
        {{- toYaml $root.Values.resources | nindent 8 }}
      {{- trim .container | nindent 6 }}
  {{- with .volumes }}
  volumes:
    {{- trim . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* A Deployment, or an Argo Rollout with the canary analysis when rollout.enabled. */}}
{{- define "platform-common.workload" -}}
{{- $root := .root -}}
{{- if $root.Values.rollout.enabled }}
apiVersion: argoproj.io/v1alpha1
kind: Rollout
{{- else }}
apiVersion: apps/v1
kind: Deployment
{{- end }}
metadata:
  name: {{ include "platform-common.fullname" $root }}
  labels:
    {{- include "platform-common.labels" $root | nindent 4 }}
spec:
  {{- if not ($root.Values.autoscaling).enabled }}
  replicas: {{ $root.Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "platform-common.selectorLabels" $root | nindent 6 }}
  {{- if $root.Values.rollout.enabled }}
  strategy:
    canary:
      steps:
        {{- range $root.Values.rollout.steps }}
        - setWeight: {{ .setWeight }}
        - pause: { duration: {{ .pause }} }
        {{- end }}
      analysis:
        templates:
          - templateName: {{ include "platform-common.fullname" $root }}-canary
        startingStep: 1
        args:
          - name: canary-hash
            valueFrom:
              podTemplateHashValue: Latest
  {{- else }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  {{- end }}
  template:
    {{- include "platform-common.podTemplate" . | nindent 4 }}
{{- end -}}
