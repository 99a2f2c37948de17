import { readFileSync } from 'node:fs'
import t, { type Test } from 'tap'
import { DataFileError } from '@hotline-hub/platform'
import { DEFAULT_CHANNELS_FILE, DEFAULT_RANKING_FILE, loadStatsConfig, parseChannels, parseRanking } from '../src/stats/stats-config.ts'

const ranking = readFileSync(DEFAULT_RANKING_FILE, 'utf8')
const channels = readFileSync(DEFAULT_CHANNELS_FILE, 'utf8')
const lineOf = (text: string, start: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.trimStart().startsWith(start)) + 1

const refused = (t: Test, fn: () => unknown, line: number | null, reason: RegExp) => {
  try {
    fn()
    t.fail('accepted')
  } catch (err) {
    t.type(err, DataFileError)
    const e = err as DataFileError
    if (line !== null) t.equal(e.line, line, `line ${line}`)
    t.match(e.reason, reason)
    t.match(e.message, new RegExp(`^test\\.yaml:${line ?? '\\d+'}:\\d+: `), 'file:line:column: reason')
  }
}

t.test('the shipped files load', async (t) => {
  const c = loadStatsConfig()
  t.same(c.ranking, { version: 1, weights: { response: 10, resolution: 45, satisfaction: 45 }, minimumSample: 30 })
  t.equal(c.vocabulary.channelName('hotline-12319'), '12319热线')
  t.equal(c.vocabulary.channelName('mayor-line'), '市长公开电话')
  t.same(c.vocabulary.terms('grid-supervisor'), { received: '采集', dispatched: '立案', closed: '办结' })
  t.equal(c.vocabulary.subchannelField('radio-hotline'), 'programme')
  t.equal(c.vocabulary.subchannelField('hotline-12345'), null)
  t.match(c.version, /^[0-9a-f]{12}$/)
})

t.test('ranking.yaml', async (t) => {
  refused(t, () => parseRanking(ranking.replace('resolution: 45', 'resolution: 40'), 'test.yaml'), lineOf(ranking, 'weights:'), /must add up to 100, they add up to 95/)
  refused(t, () => parseRanking(ranking.replace('minimumSample: 30', 'minimumSample: 0'), 'test.yaml'), lineOf(ranking, 'minimumSample:'), /must be >= 1/)
  refused(t, () => parseRanking(ranking.replace('resolution: 45', 'resolution: 45\n  speed: 5'), 'test.yaml'), lineOf(ranking, 'resolution:') + 1, /unknown field "speed"/)
  refused(t, () => parseRanking(ranking.replace('response: 10', 'responce: 10'), 'test.yaml'), lineOf(ranking, 'response:'), /missing field "response"/)
  refused(t, () => parseRanking(ranking.replace('satisfaction: 45', 'satisfaction: [45'), 'test.yaml'), null, /./)
  t.equal(parseRanking(ranking.replace(/\nminimumSample: 30\n/, '\n'), 'test.yaml').minimumSample, 30, 'the minimum sample defaults to 30')
})

t.test('stats-channels.yaml', async (t) => {
  const twice = channels.replace('  - code: web-message', '  - code: mayor-line')
  refused(t, () => parseChannels(twice, 'test.yaml'), lineOf(twice, '- code: mayor-line', lineOf(twice, '- code: mayor-line')), /channel "mayor-line" is listed twice/)
  refused(t, () => parseChannels(channels.replace('code: video-patrol', 'code: video-patrols'), 'test.yaml'), lineOf(channels, '- code: video-patrol'), /must be one of/)
  refused(t, () => parseChannels(channels.replace('    name: 视频监控', '    name: 视频监控\n    nmae: 视频'), 'test.yaml'), lineOf(channels, 'name: 视频监控') + 1, /unknown field "nmae"/)
})
