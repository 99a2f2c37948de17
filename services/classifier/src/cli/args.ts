/** Prints a CLI error and exits 2 (bad usage) or 1. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`)
  process.exit(code)
}
