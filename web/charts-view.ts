/**
 * Draws every chart of a ChartInput into a container (the page and the report use this), each as a
 * figure with its SVG and, on the page, SVG / PNG download buttons. Text is set with textContent only.
 */
import { allCharts, shownOptions, type MonthBasis } from "../src/charts/transforms.ts"
import type { ChartInput } from "../src/charts/input.ts"
import type { Lang } from "../src/charts/i18n.ts"
import { renderChart } from "../src/charts/render/svg.ts"
import { missionScoreboard, pivotKey, scoreboardPivot } from "../src/charts/table.ts"

export const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  for (const c of children) e.append(typeof c === "string" ? document.createTextNode(c) : c)
  return e
}

export interface ViewOptions {
  readonly lang: Lang
  readonly width: number
  readonly basis: MonthBasis
  /** adds download buttons under each chart */
  readonly buttons?: (svg: SVGSVGElement, id: string) => HTMLElement
  readonly skipCapacity?: boolean
}

export const drawCharts = (container: HTMLElement, input: ChartInput, o: ViewOptions): void => {
  const specs = allCharts(input, o.lang, o.basis).filter((s) => !(o.skipCapacity === true && s.id === "capacity" && (input.capacity === null || input.capacity === undefined)))
  const figures = specs.map((spec) => {
    const svg = renderChart(document, spec, { width: o.width, lang: o.lang })
    const fig = el("figure", { class: "chart", "data-chart": spec.id })
    fig.append(svg)
    if (o.buttons !== undefined) fig.append(o.buttons(svg, spec.id))
    return fig
  })
  container.replaceChildren(...figures)
}

/** The scoreboard: one row per group, one column per option, at most `perTable` options per table (so it fits a page). */
export const drawScoreboard = (container: HTMLElement, input: ChartInput, lang: Lang, perTable = 4): void => {
  const tables: HTMLElement[] = []
  const notes = new Map<string, string>()
  const shown = shownOptions(input)
  for (let i = 0; i < shown.options.length; i += perTable) {
    const pv = scoreboardPivot({ options: shown.options.slice(i, i + perTable) }, lang)
    const head = el("tr", {}, ...pv.header.map((h) => el("th", { scope: "col" }, h)))
    const body = pv.rows.map((r) => {
      if (r.why !== undefined) notes.set(r.group, r.why)
      return el("tr", {}, el("th", { scope: "row" }, r.group + (r.why !== undefined ? " *" : "")), el("td", { class: "num" }, r.target),
        ...r.cells.map((c) => c === null ? el("td", {}, "–") : el("td", { class: `cell verdict-${c.verdictKind}` },
          el("span", { class: "mean" }, c.mean), " · ", el("span", { class: "verdict" }, c.verdict), el("br"),
          el("span", { class: "within" }, c.within))))
    })
    tables.push(el("table", { class: "scoreboard" }, el("thead", {}, head), el("tbody", {}, ...body)))
  }
  // several missions: each mission's scoreboard (as the CLI's per-mission table)
  const pm = missionScoreboard(input, lang)
  if (pm !== null) {
    const head = el("tr", {}, ...pm.header.map((h) => el("th", { scope: "col" }, h)))
    const body = pm.rows.map((r) => el("tr", {}, el("td", {}, r.option), el("th", { scope: "row" }, r.mission),
      ...r.cells.map((c) => c === null ? el("td", {}, "–") : el("td", { class: `cell verdict-${c.verdictKind}` }, el("span", { class: "mean" }, c.mean), el("br"), el("span", { class: "verdict" }, c.verdict)))))
    tables.push(el("h3", {}, lang === "fi" ? "Edustustoittain: niiden hakemusten päätökset" : "Per mission: the decisions on each mission's applications"), el("table", { class: "scoreboard per-mission" }, el("thead", {}, head), el("tbody", {}, ...body)))
  }
  const why = [...notes].map(([g, w]) => el("p", { class: "muted key" }, `* ${g}: ${lang === "fi" ? "mallin lukua ei voi verrata julkaistuun" : "the model's figure cannot be held against the published one"}: ${w}`))
  container.replaceChildren(...tables, el("p", { class: "muted key" }, pivotKey(lang)), ...why)
}
