/** One holiday span of a notice (放假), first and last day inclusive. */
export interface Holiday {
  /** e.g. 春节, 国庆节、中秋节 */
  name: string
  /** 'YYYY-MM-DD', China time */
  first: string
  /** 'YYYY-MM-DD', inclusive */
  last: string
}

/**
 * One year of China's official calendar, from the State Council General
 * Office notice 国务院办公厅关于XXXX年部分节假日安排的通知. Shape: data/year.schema.json.
 */
export interface YearData {
  $schema?: string
  year: number
  /** 文号, e.g. 国办发明电〔2025〕7号 */
  notice: string
  /** 'YYYY-MM-DD' the notice was issued */
  issued?: string
  /** URL of the notice text */
  source: string
  holidays: Holiday[]
  /** 调休上班: Saturdays/Sundays that are working days, 'YYYY-MM-DD' */
  workdays: string[]
}

/** A validated year, indexed by day number for lookups. */
export interface LoadedYear {
  data: YearData
  /** day number → holiday name */
  holidayDays: Map<number, string>
  /** day numbers of make-up working days */
  workdays: Set<number>
}
