export * from './service.ts'
export * from './config.ts'
export * from './errors.ts'
