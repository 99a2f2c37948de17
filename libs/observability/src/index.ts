/**
 * @hotline-hub/observability — logs (pino), traces (OpenTelemetry) and metrics
 * (prom-client) for every service, plus the personal-data masking helpers
 * (去标识化) that logs and de-identified events share.
 */
export { maskPhone } from './masking/mask-phone.ts'
export { maskIdNumber } from './masking/mask-id-number.ts'
export { maskName } from './masking/mask-name.ts'
export { maskAddress } from './masking/mask-address.ts'
export { maskPersonalText } from './masking/mask-personal-text.ts'
export { maskJsonLine } from './masking/mask-json-line.ts'

export { createLogger, loggerOptions, type CreateLoggerOptions, type Logger } from './logging/create-logger.ts'
export {
  PERSONAL_DATA_PATHS,
  PERSONAL_FIELD_KEYS,
  PERSON_KEYS,
  SECRET_HEADER_KEYS,
  REDACTED,
} from './logging/personal-data-paths.ts'
export { redactPersonalData } from './logging/redact-personal-data.ts'
export { traceMixin } from './logging/trace-mixin.ts'

export { startTelemetry, type StartTelemetryOptions, type Telemetry } from './tracing/start-telemetry.ts'
export { inMemoryTelemetry, RetainingInMemorySpanExporter, type InMemoryTelemetry } from './tracing/in-memory-telemetry.ts'
export {
  injectTraceHeaders,
  extractTraceContext,
  currentTraceparent,
  type TraceCarrier,
} from './tracing/trace-headers.ts'
export {
  withProducerSpan,
  withConsumerSpan,
  messagingAttributes,
  TRACER_NAME,
  type MessagingFacts,
} from './tracing/messaging-spans.ts'
export { recordMaskedException } from './tracing/record-masked-exception.ts'
export { tracingPlugin, type TracingPluginOptions } from './tracing/tracing-plugin.ts'

export {
  createMetrics,
  metricsOn,
  toMetrics,
  DEFAULT_PREFIX,
  HTTP_DURATION_BUCKETS,
  type CreateMetricsOptions,
  type Metrics,
  type HttpLabel,
} from './metrics/create-metrics.ts'
export { busMetrics, BUS_DURATION_BUCKETS, type BusMetrics } from './metrics/bus-metrics.ts'
export { metricsPlugin, UNMATCHED_ROUTE, type MetricsPluginOptions } from './metrics/metrics-plugin.ts'
