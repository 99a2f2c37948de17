export * from './service.ts'
export * from './config.ts'
export * from './errors.ts'
export * from './topic/index.ts'
