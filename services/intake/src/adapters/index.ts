/**
 * Channel adapters (渠道适配): one per channel of DOMAIN.md, each turning its
 * channel's own payload into a CaseInput.
 */
import { CHANNELS, type Channel } from '@hotline-hub/contracts'
import { AdapterError } from './adapter-error.ts'
import { directorMailbox } from './director-mailbox.ts'
import { disclosureRequest } from './disclosure-request.ts'
import { gridSupervisor } from './grid-supervisor.ts'
import { hotline12319 } from './hotline-12319.ts'
import { hotline12345 } from './hotline-12345.ts'
import { mayorLine } from './mayor-line.ts'
import { radioHotline } from './radio-hotline.ts'
import type { ChannelAdapter } from './types.ts'
import { videoPatrol } from './video-patrol.ts'
import { webMessage } from './web-message.ts'

export const ADAPTERS: Record<Channel, ChannelAdapter> = {
  'hotline-12345': hotline12345,
  'hotline-12319': hotline12319,
  'mayor-line': mayorLine,
  'web-message': webMessage,
  'director-mailbox': directorMailbox,
  'radio-hotline': radioHotline,
  'grid-supervisor': gridSupervisor,
  'video-patrol': videoPatrol,
  'disclosure-request': disclosureRequest,
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value)
}

/**
 * The adapter of a channel.
 * @throws AdapterError (pointer `/channel`) for an unknown channel code.
 */
export function adapterFor(channel: string): ChannelAdapter {
  if (!isChannel(channel))
    throw new AdapterError([{ pointer: '/channel', message: `unknown channel ${JSON.stringify(channel)}; known: ${CHANNELS.join(', ')}` }])
  return ADAPTERS[channel]
}

export type { ChannelAdapter, AdapterExample } from './types.ts'
export { AdapterError, type PayloadIssue } from './adapter-error.ts'
export { payloadIssues, validateAndNormalize } from './validate-payload.ts'
export { isValidIdNumber, isValidMainlandPhone, normalizePhone, parseMainlandPhone } from './validate-person.ts'
export { CharsetError, decodeBody } from './charset.ts'
