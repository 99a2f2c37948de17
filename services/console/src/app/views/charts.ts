/**
 * Apache ECharts, bundled (no CDN): only the chart kinds and components the
 * leader view draws, so the bundle stays inside its budget.
 */
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, DataZoomComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, DataZoomComponent, CanvasRenderer])

export type Chart = echarts.ECharts
export type ChartOption = echarts.EChartsCoreOption

export function chartIn(el: HTMLElement): Chart {
  return echarts.getInstanceByDom(el) ?? echarts.init(el, undefined, { renderer: 'canvas', locale: 'ZH' })
}

export function disposeCharts(els: HTMLElement[]): void {
  for (const el of els) echarts.getInstanceByDom(el)?.dispose()
}
