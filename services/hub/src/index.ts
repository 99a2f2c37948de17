export * from './hub.ts'
export * from './config.ts'
