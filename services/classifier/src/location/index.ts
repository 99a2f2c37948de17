/**
 * Location tagging (地点): the gazetteer of districts and streets as data,
 * and the tagger that finds them in an appeal's text. See
 * data/gazetteer/README.md.
 */
export { Gazetteer, DEFAULT_GAZETTEER_DIR } from './gazetteer.ts'
export type { LocationResult } from './types.ts'
