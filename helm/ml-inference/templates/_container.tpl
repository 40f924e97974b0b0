{{- define "ml-inference.modelDir" -}}
{{- if or .Values.models.existingClaim .Values.models.initImage -}}
/var/lib/ml-inference/models
{{- else -}}
/app/models
{{- end -}}
{{- end -}}

{{- define "ml-inference.container" -}}
ports:
  - name: http
    containerPort: {{ .Values.service.httpPort }}
env:
  - name: PORT
    value: {{ .Values.service.httpPort | quote }}
  - name: LOG_LEVEL
    value: {{ .Values.logLevel }}
  - name: WORKERS
    value: {{ .Values.workers | quote }}
  - name: REQUIRED_MODELS
    value: {{ join "," .Values.requiredModels | quote }}
  - name: MODEL_DIR
    value: {{ include "ml-inference.modelDir" . }}
  - name: MODEL_WATCH
    value: {{ ternary "true" "false" (not (empty .Values.models.existingClaim)) | quote }}
  {{- if .Values.predictAuthToken.existingSecret }}
  - name: PREDICT_AUTH_TOKEN
    valueFrom:
      secretKeyRef:
        name: {{ .Values.predictAuthToken.existingSecret }}
        key: {{ .Values.predictAuthToken.key }}
  {{- end }}
  {{- include "platform-common.adminTokenEnv" . | nindent 2 }}
livenessProbe:
  httpGet: { path: /healthz, port: http }
  periodSeconds: 10
  failureThreshold: 3
# /readyz fails until every required model is loaded and has answered a warm-up inference.
readinessProbe:
  httpGet: { path: /readyz, port: http }
  periodSeconds: 5
  failureThreshold: 2
startupProbe:
  httpGet: { path: /healthz, port: http }
  periodSeconds: 2
  failureThreshold: 30
volumeMounts:
  {{- if or .Values.models.existingClaim .Values.models.initImage }}
  - name: models
    mountPath: /var/lib/ml-inference/models
    readOnly: {{ not (empty .Values.models.existingClaim) }}
  {{- end }}
  - name: tmp
    mountPath: /tmp
{{- end -}}

{{- define "ml-inference.volumes" -}}
{{- if .Values.models.existingClaim }}
- name: models
  persistentVolumeClaim:
    claimName: {{ .Values.models.existingClaim }}
    readOnly: true
{{- else if .Values.models.initImage }}
- name: models
  emptyDir: {}
{{- end }}
- name: tmp
  emptyDir: {}
{{- end -}}

{{- define "ml-inference.initContainers" -}}
{{- if and .Values.models.initImage (not .Values.models.existingClaim) }}
- name: copy-models
  image: {{ .Values.models.initImage }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  command: [cp, -R, /models/., /var/lib/ml-inference/models/]
  securityContext:
    {{- include "platform-common.containerSecurityContext" . | nindent 4 }}
  resources:
    requests: { cpu: 50m, memory: 32Mi }
    limits: { memory: 64Mi }
  volumeMounts:
    - name: models
      mountPath: /var/lib/ml-inference/models
{{- end }}
{{- end -}}

{{- define "ml-inference.ports" -}}
- name: http
  port: {{ .Values.service.httpPort }}
  targetPort: http
{{- end -}}
