{{/* Names and labels shared by every service chart. */}}
{{- define "platform-common.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "platform-common.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "platform-common.labels" -}}
{{ include "platform-common.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: prediction-platform
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "platform-common.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/* The admin bearer token: from an existing Secret, else from the Secret this chart generates. */}}
{{- define "platform-common.adminSecretName" -}}
{{- .Values.adminToken.existingSecret | default (printf "%s-admin" (include "platform-common.fullname" .)) -}}
{{- end -}}

{{- define "platform-common.adminTokenEnv" -}}
- name: ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "platform-common.adminSecretName" . }}
      key: {{ .Values.adminToken.key }}
{{- end -}}

{{/*
Services refuse to start without an admin token. Without adminToken.existingSecret the chart makes
a random one, kept across upgrades (lookup) so the token does not change under its users.
*/}}
{{- define "platform-common.adminSecret" -}}
{{- if not .Values.adminToken.existingSecret }}
{{- $name := include "platform-common.adminSecretName" . }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace $name }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-common.labels" . | nindent 4 }}
type: Opaque
data:
  {{- if $existing }}
  {{ .Values.adminToken.key }}: {{ index $existing.data .Values.adminToken.key }}
  {{- else }}
  {{ .Values.adminToken.key }}: {{ randAlphaNum 40 | b64enc }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* Hardened container settings: non-root, read-only root filesystem, nothing extra. */}}
{{- define "platform-common.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}
