export * from './service.ts'
export * from './config.ts'
export * from './errors.ts'
export { Principals } from './auth/principals.ts'
