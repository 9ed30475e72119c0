{{/* Chart name, truncated to the 63 characters Kubernetes allows in a name. */}}
{{- define "sluice.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name; the release name alone when it already contains the chart name. */}}
{{- define "sluice.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sluice.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sluice.labels" -}}
helm.sh/chart: {{ include "sluice.chart" . }}
{{ include "sluice.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sluice
{{- end }}

{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sluice.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "sluice.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sluice.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "sluice.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Environment variable that carries a provider's API key: OPENAI_API_KEY for provider "openai". */}}
{{- define "sluice.providerKeyEnv" -}}
{{- $secret := .provider.apiKeySecret | default dict }}
{{- default (printf "%s_API_KEY" (.name | upper | replace "-" "_" | replace "." "_")) $secret.env }}
{{- end }}

{{- define "sluice.terminationGracePeriodSeconds" -}}
{{- $d := .Values.drain }}
{{- if kindIs "invalid" $d.terminationGracePeriodSeconds }}
{{- add $d.preStopSleepSeconds $d.timeoutSeconds 15 }}
{{- else }}
{{- $d.terminationGracePeriodSeconds }}
{{- end }}
{{- end }}

{{/*
Refuses to render a configuration that would deploy something unsafe or broken; each message
says what to set instead.
*/}}
{{- define "sluice.validate" -}}
{{- if and (not .Values.auth.existingSecret) (not .Values.auth.allowAnonymous) }}
{{- fail "Sluice has no API keys configured: set auth.existingSecret to a Secret holding the key file, or set auth.allowAnonymous=true to run open (anyone who reaches the service can then spend your provider credits)." }}
{{- end }}
{{- if and (eq .Values.store.type "redis") (not .Values.store.redis.hosts) }}
{{- fail "store.type=redis needs store.redis.hosts, e.g. redis://redis-master.redis:6379" }}
{{- end }}
{{- $grace := include "sluice.terminationGracePeriodSeconds" . | int }}
{{- /* After the drain timeout Sluice needs up to 5 s more: sluice.shutdown.flush-timeout (3 s) for
       subscribers to receive error: shutdown, quarkus.shutdown.timeout (2 s) for open responses. */}}
{{- $needed := add .Values.drain.preStopSleepSeconds .Values.drain.timeoutSeconds 5 | int }}
{{- if le $grace $needed }}
{{- fail (printf "drain.terminationGracePeriodSeconds (%d) must exceed drain.preStopSleepSeconds + drain.timeoutSeconds + 5 s of shutdown flush (%d), or Kubernetes kills streams that are still draining" $grace $needed) }}
{{- end }}
{{- if and .Values.podDisruptionBudget.enabled (not (kindIs "invalid" .Values.podDisruptionBudget.minAvailable)) (not (kindIs "invalid" .Values.podDisruptionBudget.maxUnavailable)) }}
{{- fail "podDisruptionBudget: set only one of minAvailable and maxUnavailable (set the other to null)" }}
{{- end }}
{{- if and .Values.alerts.enabled (not .Values.metrics.serviceMonitor.enabled) (not .Values.alerts.job) }}
{{- fail "alerts.enabled needs metrics.serviceMonitor.enabled=true (the rules select its scrape job, <fullname>-metrics) or alerts.job naming the job that scrapes Sluice" }}
{{- end }}
{{- range $name, $p := .Values.providers }}
{{- if not $p.type }}
{{- fail (printf "providers.%s.type is required (simulator, openai, anthropic, gemini or ollama)" $name) }}
{{- end }}
{{- end }}
{{- range $alias, $m := .Values.models }}
{{- if not $m.provider }}
{{- fail (printf "models.%s.provider is required" $alias) }}
{{- end }}
{{- end }}
{{- end }}
