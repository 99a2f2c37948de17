/**
 * Cutting an address to the street (地址去标识化: 保留到街道/道路).
 *
 * Rule:
 * 1. The administrative prefix is read in order, each level optional:
 *    province (省, 自治区, 特别行政区), city (市, 自治州, 地区, 盟),
 *    district (区, 县, 市, 旗, 自治县, 自治旗). `镇江市京口区…` reads as city 镇江市
 *    and district 京口区, so a 镇 or 道 inside a place name does not count.
 * 2. In the rest, the first street-level word ends the kept part:
 *    街道 (subdistrict), 镇, 乡, 大道, 大街, 路, 街, 巷, 胡同, 弄. The word must
 *    follow at least one character of a name (`镇海路` keeps `镇海路`).
 *    Everything after it (number, building, unit, room) is dropped:
 *    `黑龙江省哈尔滨市南岗区西大直街92号3单元501室` → `黑龙江省哈尔滨市南岗区西大直街`,
 *    `南岗区花园街道西大直街92号` → `南岗区花园街道` (the first, coarser level wins).
 * 3. With no street-level word, only the administrative prefix is kept
 *    (`南岗区花园市场3号` → `南岗区`).
 * 4. When nothing can be kept (no prefix, no street), the result is `***`.
 *
 * When in doubt the rule cuts earlier, never later: a coarser address is
 * always acceptable, a more precise one is not.
 */
export function maskAddress(address: string): string {
  const value = address.trim()
  if (value === '') return ''
  const admin = ADMIN_PREFIX.exec(value)?.[0] ?? ''
  const rest = value.slice(admin.length)
  const street = STREET.exec(rest)
  if (street) return admin + rest.slice(0, street.index + street[0].length)
  return admin === '' ? '***' : admin
}

/** A place name: no digits, no spaces, no administrative suffix characters. */
const NAME = '[^\\d\\s省市区县旗]{1,12}?'
/** 市 as a suffix, not 超市 or 市场. */
const SHI = '(?<!超)市(?!场)'
/** 区 as a suffix, not 小区, 社区, 校区, 厂区, 景区, 营区, 矿区, 住宅区, 生活区. */
const QU = '(?<!小|社|校|厂|景|营|矿|住宅|生活)区'

const ADMIN_PREFIX = new RegExp(
  `^(?:${NAME}(?:省|自治区|特别行政区))?` +
    `(?:${NAME}(?:${SHI}|自治州|地区|盟))?` +
    `(?:${NAME}(?:自治县|自治旗|${QU}|县|${SHI}|旗))?`,
  'u',
)

/** The name before the street word is at least one character, without digits. */
const STREET = /^[^\d\s]+?(?:街道|大道|大街|胡同|镇|乡|路|街|巷|弄)/u
