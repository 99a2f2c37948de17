import type { ErrorCatalog } from './errors.ts'

/** Renders a catalog as the Markdown kept in each service's docs/errors.md. */
export function renderErrorDocs(service: string, catalog: ErrorCatalog<string>): string {
  const rows = catalog
    .list()
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(({ code, spec }) => `| \`${code}\` | ${spec.status} | ${spec.zh} | ${spec.en} |`)
  const retired = catalog.retired.length ? catalog.retired.map((c) => `- \`${c}\``).join('\n') : 'None yet.'
  return `# ${service}: error codes

Every error is answered as \`application/problem+json\` (RFC 9457) with
\`code\`, \`message_zh\`, \`message_en\`, \`pointer\` (the JSON pointer of the
offending field) and \`requestId\`. Codes are stable. This file is generated
from \`src/errors.ts\` by \`pnpm docs:errors\`; a test fails when they differ.

| code | HTTP | 中文 | English |
|---|---|---|---|
${rows.join('\n')}

## Retired codes (never reused)

${retired}
`
}
