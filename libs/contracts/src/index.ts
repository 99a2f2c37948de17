export * from './envelope.ts'
