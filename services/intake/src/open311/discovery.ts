import { CATALOGUE_CHANGESET } from './catalogue.ts'
import { CONTENT_TYPES } from './format.ts'

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'

/** Who integrators ask, and how they get a key. */
export const CONTACT = 'hotline-hub 系统管理员（12345 政务服务便民热线）'
export const KEY_SERVICE =
  'API 密钥由系统管理员签发（POST /api/v1/api-keys，需 web-message 或 hotline-12345 渠道权限）。' +
  'API keys are issued by the administrator and must allow the web-message or hotline-12345 channel.'

/** The service discovery document (服务发现). */
export function discovery(url: string) {
  return {
    changeset: CATALOGUE_CHANGESET,
    contact: CONTACT,
    key_service: KEY_SERVICE,
    endpoints: [
      {
        specification: SPECIFICATION,
        url,
        changeset: CATALOGUE_CHANGESET,
        type: 'production',
        formats: [CONTENT_TYPES.json.split(';')[0]!, CONTENT_TYPES.xml.split(';')[0]!],
      },
    ],
  }
}
