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

{{/* Whole seconds as a .NET TimeSpan string: include "platform.timeSpan" 75 → 00:01:15 (under a day). */}}
{{- define "platform.timeSpan" -}}
{{- $seconds := int . -}}
{{- printf "%02d:%02d:%02d" (div $seconds 3600) (mod (div $seconds 60) 60) (mod $seconds 60) -}}
{{- end -}}

{{/*
Fails unless the named ports differ: include "platform.distinctPorts" (list (list "silo.healthPort" 8081) …).
Two listeners on one number would fail only at run time, in the pod.
*/}}
{{- define "platform.distinctPorts" -}}
{{- $seen := dict -}}
{{- range $port := . -}}
{{- $number := toString (index $port 1) -}}
{{- if hasKey $seen $number -}}
{{- fail (printf "%s and %s are both %s: each port of a pod needs a number of its own" (get $seen $number) (index $port 0) $number) -}}
{{- end -}}
{{- $_ := set $seen $number (index $port 0) -}}
{{- end -}}
{{- end -}}
