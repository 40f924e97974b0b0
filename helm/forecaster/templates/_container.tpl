{{- define "forecaster.workloadsFile" -}}
{{ dict "workloads" .Values.workloads | toYaml }}
{{- end -}}

{{- define "forecaster.container" -}}
ports:
  - name: http
    containerPort: {{ .Values.service.httpPort }}
  - name: grpc
    containerPort: {{ .Values.service.grpcPort }}
env:
  - name: PORT
    value: {{ .Values.service.httpPort | quote }}
  - name: GRPC_PORT
    value: {{ .Values.service.grpcPort | quote }}
  - name: LOG_LEVEL
    value: {{ .Values.logLevel }}
  - name: CONFIG
    value: /etc/forecaster/workloads.yaml
  - name: PROM_URL
    value: {{ .Values.prometheusURL }}
  - name: SAFE_VALUE
    value: {{ .Values.safeValue }}
  - name: FIT_WORKERS
    value: {{ .Values.fitWorkers | quote }}
  - name: STORAGE
    value: {{ .Values.storage }}
  - name: REPLICA_ID
    valueFrom:
      fieldRef:
        fieldPath: metadata.name
  {{- if eq .Values.storage "redis" }}
  - name: REDIS_URL
    valueFrom:
      secretKeyRef:
        name: {{ required "storage: redis needs redis.existingSecret" .Values.redis.existingSecret }}
        key: {{ .Values.redis.key }}
  {{- end }}
  {{- include "platform-common.adminTokenEnv" . | nindent 2 }}
  {{- with .Values.extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
livenessProbe:
  httpGet: { path: /healthz, port: http }
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /readyz, port: http }
  periodSeconds: 5
  failureThreshold: 2
startupProbe:
  httpGet: { path: /healthz, port: http }
  periodSeconds: 2
  failureThreshold: 30
volumeMounts:
  - name: workloads
    mountPath: /etc/forecaster
    readOnly: true
  - name: tmp
    mountPath: /tmp
  {{- with .Values.extraVolumeMounts }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}

{{- define "forecaster.volumes" -}}
- name: workloads
  configMap:
    name: {{ include "platform-common.fullname" . }}-workloads
- name: tmp
  emptyDir: {}
{{- with .Values.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "forecaster.ports" -}}
- name: http
  port: {{ .Values.service.httpPort }}
  targetPort: http
- name: grpc
  port: {{ .Values.service.grpcPort }}
  targetPort: grpc
  appProtocol: grpc
{{- end -}}
