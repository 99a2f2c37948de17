/** The slice of a pino logger the bus uses. */
export interface BusLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export const silentLogger: BusLogger = { debug() {}, info() {}, warn() {}, error() {} }
