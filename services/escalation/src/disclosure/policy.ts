import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Type, type Static } from '@sinclair/typebox'
import { DataFileError, parseDataFile } from '@hotline-hub/platform'

export const DEFAULT_DISCLOSURE_POLICY = fileURLToPath(new URL('../../data/disclosure-policy.yaml', import.meta.url))

const Days = (description: string) => Type.Integer({ minimum: 1, maximum: 365, description })

export const DisclosurePolicySchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    answerWorkingDays: Days('答复期限'),
    extensionMaxWorkingDays: Days('延期上限'),
    correctionNoticeWorkingDays: Days('补正告知期限'),
    thirdPartyWorkingDays: Days('第三方意见期限'),
  },
  { additionalProperties: false },
)

/** 依申请公开时限 as loaded from its data file. */
export class DisclosurePolicy {
  private constructor(
    readonly data: Static<typeof DisclosurePolicySchema>,
    readonly version: string,
  ) {}

  static fromText(text: string, file: string): DisclosurePolicy {
    return new DisclosurePolicy(parseDataFile(text, DisclosurePolicySchema, file), createHash('sha256').update(text).digest('hex').slice(0, 12))
  }

  static load(path: string = DEFAULT_DISCLOSURE_POLICY): DisclosurePolicy {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      throw new DataFileError(path, 0, 0, `cannot read the file: ${(err as Error).message}`)
    }
    return DisclosurePolicy.fromText(text, path)
  }
}
