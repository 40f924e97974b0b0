{{- define "ml-router.container" -}}
ports:
  - name: http
    containerPort: {{ .Values.service.httpPort }}
env:
  - name: PORT
    value: {{ .Values.service.httpPort | quote }}
  - name: LOG_LEVEL
    value: {{ .Values.logLevel }}
  - name: MODEL_STORE_PATH
    value: /var/lib/ml-router/models
  - name: CONFIDENCE_THRESHOLD
    value: {{ .Values.confidenceThreshold | quote }}
  - name: FALLBACK_TO_RULE_BASED
    value: {{ .Values.fallbackToRuleBased | quote }}
  {{- if .Values.providerCatalog }}
  - name: PROVIDER_CATALOG_PATH
    value: /etc/ml-router/providers.json
  {{- end }}
  {{- if .Values.redis.existingSecret }}
  - name: REDIS_URL
    valueFrom:
      secretKeyRef:
        name: {{ .Values.redis.existingSecret }}
        key: {{ .Values.redis.key }}
  {{- end }}
  {{- include "platform-common.adminTokenEnv" . | nindent 2 }}
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
  - name: models
    mountPath: /var/lib/ml-router/models
  {{- if .Values.providerCatalog }}
  - name: catalog
    mountPath: /etc/ml-router
    readOnly: true
  {{- end }}
  - name: tmp
    mountPath: /tmp
{{- end -}}

{{- define "ml-router.volumes" -}}
- name: models
  {{- if .Values.modelStore.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .Values.modelStore.existingClaim }}
  {{- else }}
  emptyDir: {}
  {{- end }}
{{- if .Values.providerCatalog }}
- name: catalog
  configMap:
    name: {{ include "platform-common.fullname" . }}-catalog
{{- end }}
- name: tmp
  emptyDir: {}
{{- end -}}

{{- define "ml-router.ports" -}}
- name: http
  port: {{ .Values.service.httpPort }}
  targetPort: http
{{- end -}}
