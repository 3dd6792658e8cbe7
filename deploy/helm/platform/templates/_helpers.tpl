{{/* Names and labels shared by every template. */}}
{{- define "platform.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of one component: include "platform.labels" (dict "root" $ "component" "silo") */}}
{{- define "platform.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "platform.selectorLabels" . }}
{{- end -}}

{{- define "platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Image of one component: include "platform.image" (dict "root" $ "repository" .Values.silo.repository) */}}
{{- define "platform.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the secret values: the user's existing one, or the chart's. */}}
{{- define "platform.secretName" -}}
{{- default (printf "%s-secrets" (include "platform.fullname" .)) .Values.existingSecret -}}
{{- end -}}

{{/* An env var read from the secret: include "platform.secretEnv" (dict "root" $ "name" "X__Y" "key" "k" "optional" true) */}}
{{- define "platform.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "platform.secretName" .root }}
      key: {{ .key }}
      optional: {{ .optional | default false }}
{{- end -}}

{{/* Probes of a worker service on its health port (named "health"). */}}
{{- define "platform.probes" -}}
startupProbe:
  httpGet: { path: /healthz, port: health }
  periodSeconds: 2
  failureThreshold: 30
livenessProbe:
  httpGet: { path: /healthz, port: health }
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /readyz, port: health }
  periodSeconds: 5
  failureThreshold: 2
{{- end -}}

{{/* The Kafka CA volume, when kafka.security.caSecret names one. */}}
{{- define "platform.kafkaCaVolume" -}}
{{- if .Values.kafka.security.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.security.caSecret }}
{{- end }}
{{- end -}}

{{- define "platform.kafkaCaMount" -}}
{{- if .Values.kafka.security.caSecret }}
- name: kafka-ca
  mountPath: /etc/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}
