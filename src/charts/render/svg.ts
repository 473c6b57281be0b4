/**
 * The thin d3 renderer: draws any ChartSpec as one self-contained SVG (title, reading, legend, panels),
 * so that the page, the report and the SVG/PNG exports show the same picture. Text from results or
 * scenarios is set with d3's .text() (textContent), never as HTML.
 */
import { area, axisBottom, axisLeft, line, scaleBand, scaleLinear, select, type ScaleBand, type ScaleLinear, type Selection } from "d3"
import { num, pct, type Lang } from "../i18n.ts"
import { colourOf, dashOf, TARGET_COLOUR, type Axis, type ChartSpec, type Mark, type Panel } from "../spec.ts"

const SVG_NS = "http://www.w3.org/2000/svg"
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

export interface RenderOptions { readonly width: number; readonly lang: Lang }

type G = Selection<SVGGElement, unknown, null, undefined>

/** Tick labels; `ticks` (the axis's tick values) set the decimals, so that ticks 0.05 apart do not read 0.6, 0.7, 0.7. */
const fmtTick = (lang: Lang, axis: Axis, ticks: ReadonlyArray<number> = []) => {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1
  const digits = step > 0 && step < 0.1 ? Math.min(3, Math.ceil(-Math.log10(step) - 1e-9)) : 1
  return (v: number): string =>
    axis.format === "pct" ? pct(lang, v) : axis.format === "int" ? num(lang, v, 0) : num(lang, v, Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : digits)
}

/** Splits text into lines of at most `max` characters at spaces. */
export const wrap = (text: string, max: number): string[] => {
  const out: string[] = []
  let cur = ""
  for (const word of text.split(/\s+/)) {
    if (cur.length > 0 && cur.length + 1 + word.length > max) { out.push(cur); cur = word } else cur = cur.length > 0 ? `${cur} ${word}` : word
  }
  if (cur.length > 0) out.push(cur)
  return out
}

const valueExtent = (p: Panel): [number, number] => {
  if (p.y.domain !== undefined) return [p.y.domain[0], p.y.domain[1]]
  let lo = 0, hi = -Infinity
  const see = (v: number | null | undefined) => { if (v !== null && v !== undefined && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v) } }
  for (const m of p.marks) {
    if (m.type === "line") for (const q of m.points) { see(q.y); if (m.whiskers === true) { see(q.lo); see(q.hi) } }
    else if (m.type === "band") for (const q of m.points) { see(q.lo); see(q.hi) }
    else if (m.type === "bar") for (const b of m.bars) { see(b.y); see(b.lo); see(b.hi) }
    else for (const d of m.dots) { see(d.y); see(d.lo); see(d.hi) }
  }
  for (const t of p.targets) if (t.axis !== "category") see(t.value)
  if (!Number.isFinite(hi)) hi = 1
  if (hi === lo) hi = lo + 1
  return [lo, hi * 1.05]
}

/** The longest text beside a dot in the panel (0: none). */
const textLength = (p: Panel): number => Math.max(0, ...p.marks.flatMap((m) => (m.type === "dot" ? m.dots.map((d) => d.text?.length ?? 0) : [])))
const hasText = (p: Panel): boolean => textLength(p) > 8

/** Draws one panel into g, inside a box of w × h. */
const drawPanel = (g: G, p: Panel, w: number, h: number, lang: Lang): void => {
  // room for the texts beside the dots: as long as the longest (≈ 6.3 px a character at 11.5 px), at most 62 % of the panel
  const textRoom = hasText(p) ? Math.min(w * 0.62, Math.max(120, 6.3 * textLength(p) + 12)) : 0
  const catLabelRoom = p.horizontal === true ? Math.min(170, Math.max(60, 7 * Math.max(...(p.x.categories ?? [""]).map((c) => c.length)))) : 0
  const rotated = p.x.rotate === true && p.horizontal !== true
  const rotRoom = rotated ? Math.min(110, 6.2 * Math.max(...(p.x.categories ?? [""]).map((c) => c.length)) * 0.55 + 14) : 0
  const m = { top: 26, right: 14 + textRoom, bottom: (p.horizontal === true ? 40 : 44) + rotRoom, left: p.horizontal === true ? catLabelRoom + 8 : rotated ? 78 : 66 }
  const iw = Math.max(40, w - m.left - m.right), ih = Math.max(40, h - m.top - m.bottom)
  const maxChars = Math.max(10, Math.floor(w / 7.6))
  const title = g.append("text").attr("class", "panel-title").attr("x", 0).attr("y", 14).attr("font-size", 13).attr("font-weight", 600).text(p.title.length > maxChars ? `${p.title.slice(0, maxChars - 1)}…` : p.title)
  if (p.title.length > maxChars) title.append("title").text(p.title)
  const plot = g.append("g").attr("transform", `translate(${m.left},${m.top})`)
  if (p.marks.length === 0) {
    plot.append("text").attr("class", "empty").attr("x", iw / 2).attr("y", ih / 2).attr("text-anchor", "middle").attr("font-size", 14).attr("fill", "#444").text(p.empty ?? "")
    return
  }
  const [v0, v1] = valueExtent(p)
  const valueLen = p.horizontal === true ? iw : ih
  const vs: ScaleLinear<number, number> = scaleLinear().domain([v0, v1]).range(p.horizontal === true ? [0, valueLen] : [valueLen, 0]).nice()
  const catLen = p.horizontal === true ? ih : iw
  let band: ScaleBand<number> | undefined, lin: ScaleLinear<number, number> | undefined
  if (p.x.kind === "category") band = scaleBand<number>().domain((p.x.categories ?? []).map((_, i) => i)).range([0, catLen]).padding(0.2)
  else {
    const [d0, d1] = p.x.domain ?? [0, 1]
    lin = scaleLinear().domain([d0, d1 === d0 ? d0 + 1 : d1]).range([0, catLen])
  }
  const pos = (x: number, slot = 0, slots = 1): number => {
    if (band !== undefined) { const bw = band.bandwidth(); return (band(x) ?? 0) + (bw * (slot + 0.5)) / slots }
    return lin!(x)
  }
  const slotWidth = (slots: number) => (band !== undefined ? band.bandwidth() / slots : 8)
  // a point (category position c, value v) in screen coordinates
  const at = (c: number, v: number): [number, number] => (p.horizontal === true ? [vs(v), c] : [c, vs(v)])
  // axes
  const catAxisG = plot.append("g").attr("class", p.horizontal === true ? "axis axis-y" : "axis axis-x")
  const valAxisG = plot.append("g").attr("class", p.horizontal === true ? "axis axis-x" : "axis axis-y")
  const catTicks = p.x.kind === "category" ? (p.x.categories ?? []) : []
  if (p.horizontal === true) {
    const n = Math.max(2, Math.floor(iw / 80)), f = fmtTick(lang, p.y, vs.ticks(n))
    valAxisG.attr("transform", `translate(0,${ih})`).call(axisBottom(vs).ticks(n).tickFormat((v) => f(Number(v))))
    if (band !== undefined) catAxisG.call(axisLeft(band).tickFormat((i) => catTicks[Number(i)] ?? ""))
  } else {
    const n = Math.max(2, Math.floor(ih / 40)), f = fmtTick(lang, p.y, vs.ticks(n))
    valAxisG.call(axisLeft(vs).ticks(n).tickFormat((v) => f(Number(v))))
    catAxisG.attr("transform", `translate(0,${ih})`)
    if (band !== undefined) {
      const every = rotated ? 1 : Math.max(1, Math.ceil((catTicks.reduce((a, c) => Math.max(a, c.length), 1) * 7.5) / band.step()))
      catAxisG.call(axisBottom(band).tickFormat((i) => (Number(i) % every === 0 ? catTicks[Number(i)] ?? "" : "")))
      if (rotated) catAxisG.selectAll("text").attr("transform", "rotate(-30)").attr("text-anchor", "end").attr("dx", "-0.4em").attr("dy", "0.6em")
    } else if (lin !== undefined) {
      const ax = axisBottom(lin)
      if (p.x.ticks !== undefined) ax.tickValues(p.x.ticks.map((t) => t.value)).tickFormat((v) => p.x.ticks!.find((t) => t.value === Number(v))?.label ?? "")
      else { const n = Math.max(2, Math.floor(iw / 80)), f = fmtTick(lang, p.x, lin.ticks(n)); ax.ticks(n).tickFormat((v) => f(Number(v))) }
      catAxisG.call(ax)
    }
  }
  plot.selectAll(".axis text").attr("font-size", 12).attr("font-family", FONT).attr("fill", "#222")
  plot.selectAll(".axis path, .axis line").attr("stroke", "#666")
  // gridlines along the value axis
  const grid = plot.insert("g", ":first-child").attr("class", "grid")
  for (const t of vs.ticks(Math.max(2, Math.floor(valueLen / (p.horizontal === true ? 80 : 40))))) {
    if (p.horizontal === true) grid.append("line").attr("x1", vs(t)).attr("x2", vs(t)).attr("y1", 0).attr("y2", ih)
    else grid.append("line").attr("x1", 0).attr("x2", iw).attr("y1", vs(t)).attr("y2", vs(t))
  }
  grid.selectAll("line").attr("stroke", "#e4e4e4")
  // axis labels
  const valueLabel = p.y.label, catLabel = p.x.label
  if (p.horizontal === true) {
    if (valueLabel) plot.append("text").attr("class", "axis-label").attr("x", iw / 2).attr("y", ih + 34).attr("text-anchor", "middle").attr("font-size", 12).text(valueLabel)
  } else {
    if (valueLabel) plot.append("text").attr("class", "axis-label").attr("transform", `translate(${-54},${ih / 2}) rotate(-90)`).attr("text-anchor", "middle").attr("font-size", 12).text(valueLabel)
    if (catLabel) plot.append("text").attr("class", "axis-label").attr("x", iw / 2).attr("y", ih + 36).attr("text-anchor", "middle").attr("font-size", 12).text(catLabel)
  }
  // marks
  const marks = plot.append("g").attr("class", "marks")
  const drawMark = (mk: Mark) => {
    const c = colourOf(mk.colour)
    const mg = marks.append("g").attr("class", `mark mark-${mk.type}`).attr("data-key", mk.key)
    mg.append("title").text(mk.label)
    if (mk.type === "band") {
      const pts = mk.points.filter((q) => q.lo !== null && q.hi !== null)
      const ar = area<(typeof pts)[number]>().x((q) => pos(q.x)).y0((q) => vs(q.lo!)).y1((q) => vs(q.hi!))
      mg.append("path").attr("d", ar(pts) ?? "").attr("fill", c).attr("fill-opacity", p.marks.filter((x) => x.type === "band").length > 3 ? 0.09 : 0.16).attr("stroke", "none")
    } else if (mk.type === "line") {
      const ln = line<(typeof mk.points)[number]>().defined((q) => q.y !== null && Number.isFinite(q.y)).x((q) => at(pos(q.x), q.y!)[0]).y((q) => at(pos(q.x), q.y!)[1])
      mg.append("path").attr("d", ln([...mk.points]) ?? "").attr("fill", "none").attr("stroke", c).attr("stroke-width", 2.5).attr("stroke-dasharray", dashOf(mk.dash ?? 0))
      if (mk.whiskers === true) {
        for (const q of mk.points) {
          if (q.lo === null || q.hi === null || q.lo === undefined || q.hi === undefined) continue
          const [x1, y1] = at(pos(q.x), q.lo), [x2, y2] = at(pos(q.x), q.hi)
          mg.append("line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2).attr("stroke", c).attr("stroke-width", 1.2).attr("stroke-opacity", 0.7)
        }
        for (const q of mk.points) if (q.y !== null) { const [x, y] = at(pos(q.x), q.y); mg.append("circle").attr("cx", x).attr("cy", y).attr("r", 2.5).attr("fill", c) }
      }
    } else if (mk.type === "bar") {
      const bw = slotWidth(mk.slots) * 0.9
      for (const b of mk.bars) {
        if (b.y === null) continue
        const cpos = pos(b.x, mk.slot, mk.slots)
        const v0b = b.base ?? 0
        mg.append("rect").attr("x", cpos - bw / 2).attr("width", bw).attr("y", vs(Math.max(b.y, v0b))).attr("height", Math.abs(vs(v0b) - vs(b.y))).attr("fill", c).attr("fill-opacity", mk.key === "apps" ? 0.55 : 0.85)
        if (b.lo !== null && b.hi !== null && b.lo !== undefined && b.hi !== undefined) {
          mg.append("line").attr("x1", cpos).attr("x2", cpos).attr("y1", vs(b.lo)).attr("y2", vs(b.hi)).attr("stroke", "#111").attr("stroke-width", 1.5)
          for (const e of [b.lo, b.hi]) mg.append("line").attr("x1", cpos - 5).attr("x2", cpos + 5).attr("y1", vs(e)).attr("y2", vs(e)).attr("stroke", "#111").attr("stroke-width", 1.5)
        }
      }
    } else {
      for (const d of mk.dots) {
        if (d.y === null) continue
        const cpos = pos(d.x, mk.slot, mk.slots)
        if (d.lo !== null && d.hi !== null && d.lo !== undefined && d.hi !== undefined) {
          const [x1, y1] = at(cpos, d.lo), [x2, y2] = at(cpos, d.hi)
          mg.append("line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2).attr("stroke", c).attr("stroke-width", 2)
        }
        const [x, y] = at(cpos, d.y)
        if (mk.shape === "tick") {
          const half = Math.min(7, slotWidth(mk.slots) * 0.45)
          if (p.horizontal === true) mg.append("line").attr("x1", x).attr("x2", x).attr("y1", y - half).attr("y2", y + half).attr("stroke", c).attr("stroke-width", 2.5)
          else mg.append("line").attr("x1", x - half).attr("x2", x + half).attr("y1", y).attr("y2", y).attr("stroke", c).attr("stroke-width", 2.5)
        } else mg.append("circle").attr("cx", x).attr("cy", y).attr("r", 5).attr("fill", c).attr("stroke", "#fff").attr("stroke-width", 1)
        if (d.text !== undefined && d.text.length > 8 && p.horizontal === true) {
          mg.append("text").attr("class", "dot-text").attr("x", iw + 10).attr("y", y + 4).attr("font-size", 11.5).attr("fill", "#222").text(d.text)
        }
      }
    }
  }
  // bands under lines, lines under dots
  for (const t of ["band", "bar", "line", "dot"] as const) for (const mk of p.marks) if (mk.type === t) drawMark(mk)
  // targets
  const tg = plot.append("g").attr("class", "targets")
  for (const t of p.targets) {
    const lineAttrs = (l: Selection<SVGLineElement, unknown, null, undefined>) => l.attr("stroke", TARGET_COLOUR).attr("stroke-width", 2).attr("stroke-dasharray", "5 3")
    if (t.axis === "category") {
      // a marker across the plot at a position on the category / time axis
      const x = pos(t.value)
      lineAttrs(tg.append("line").attr("x1", x).attr("x2", x).attr("y1", 0).attr("y2", ih))
      tg.append("text").attr("x", x + 4).attr("y", 12).attr("font-size", 12).attr("fill", TARGET_COLOUR).text(t.label)
    } else if (t.category !== undefined && band !== undefined) {
      const c0 = band(t.category) ?? 0, v = vs(t.value)
      if (p.horizontal === true) lineAttrs(tg.append("line").attr("x1", v).attr("x2", v).attr("y1", c0 - 2).attr("y2", c0 + band.bandwidth() + 2))
      else lineAttrs(tg.append("line").attr("x1", c0 - 2).attr("x2", c0 + band.bandwidth() + 2).attr("y1", v).attr("y2", v))
    } else {
      const v = vs(t.value)
      if (p.horizontal === true) {
        lineAttrs(tg.append("line").attr("x1", v).attr("x2", v).attr("y1", 0).attr("y2", ih))
        tg.append("text").attr("x", v + 4).attr("y", 10).attr("font-size", 12).attr("fill", TARGET_COLOUR).text(t.label)
      } else {
        lineAttrs(tg.append("line").attr("x1", 0).attr("x2", iw).attr("y1", v).attr("y2", v))
        tg.append("text").attr("x", iw - 4).attr("y", v - 4).attr("text-anchor", "end").attr("font-size", 12).attr("font-weight", 600).attr("fill", TARGET_COLOUR).text(t.label)
      }
    }
  }
}

const panelHeight = (p: Panel): number => {
  if (p.horizontal !== true) return 250
  const n = p.x.categories?.length ?? 1
  const slots = Math.max(1, ...p.marks.map((m) => (m.type === "dot" || m.type === "bar" ? m.slots : 1)))
  return 70 + n * Math.max(26, slots * 13)
}

/** Draws the chart as a new <svg> element (not yet attached) of the given width. */
export const renderChart = (doc: Document, spec: ChartSpec, opts: RenderOptions): SVGSVGElement => {
  const width = opts.width
  const svgEl = doc.createElementNS(SVG_NS, "svg") as SVGSVGElement
  const svg = select(svgEl).attr("xmlns", SVG_NS).attr("class", "chart-svg").attr("data-chart", spec.id).attr("font-family", FONT).attr("role", "img")
  svg.append("title").text(spec.title)
  let y = 24
  svg.append("text").attr("class", "chart-title").attr("x", 8).attr("y", y).attr("font-size", 18).attr("font-weight", 700).text(spec.title)
  y += 8
  for (const l of wrap(spec.reading, Math.floor((width - 16) / 7.6))) { y += 19; svg.append("text").attr("class", "chart-reading").attr("x", 8).attr("y", y).attr("font-size", 14).attr("fill", "#222").text(l) }
  if (spec.note !== undefined) for (const l of wrap(spec.note, Math.floor((width - 16) / 6.8))) { y += 17; svg.append("text").attr("class", "chart-note").attr("x", 8).attr("y", y).attr("font-size", 12.5).attr("fill", "#555").text(l) }
  // legend
  y += 12
  let lx = 8
  const lg = svg.append("g").attr("class", "legend")
  for (const e of spec.legend) {
    const wItem = 34 + e.label.length * 7
    if (lx + wItem > width - 8 && lx > 8) { lx = 8; y += 20 }
    const it = lg.append("g").attr("class", "legend-item").attr("transform", `translate(${lx},${y + 8})`)
    const c = colourOf(e.colour)
    if (e.kind === "line" || e.kind === "target") it.append("line").attr("x1", 0).attr("x2", 24).attr("y1", 0).attr("y2", 0).attr("stroke", c).attr("stroke-width", e.kind === "target" ? 2 : 2.5).attr("stroke-dasharray", e.kind === "target" ? "5 3" : dashOf(e.dash ?? 0))
    else if (e.kind === "band") it.append("rect").attr("x", 0).attr("y", -6).attr("width", 24).attr("height", 12).attr("fill", c).attr("fill-opacity", 0.25)
    else if (e.kind === "bar") it.append("rect").attr("x", 4).attr("y", -6).attr("width", 16).attr("height", 12).attr("fill", c)
    else if (e.kind === "tick") { it.append("line").attr("x1", 6).attr("x2", 6).attr("y1", -6).attr("y2", 6).attr("stroke", c).attr("stroke-width", 2.5); it.append("line").attr("x1", 18).attr("x2", 18).attr("y1", -6).attr("y2", 6).attr("stroke", c).attr("stroke-width", 2.5) }
    else it.append("circle").attr("cx", 12).attr("cy", 0).attr("r", 5).attr("fill", c)
    it.append("text").attr("x", 30).attr("y", 4).attr("font-size", 13).text(e.label)
    lx += wItem + 14
  }
  y += spec.legend.length > 0 ? 28 : 8
  // panels in a grid
  const n = spec.panels.length
  const anyHorizontal = spec.panels.some((p) => p.horizontal === true)
  const withText = spec.panels.some(hasText)
  const longText = Math.max(0, ...spec.panels.map(textLength))
  const cols = n === 1 ? 1 : withText ? Math.min(n, width >= 1000 && longText <= 48 ? 2 : 1) : anyHorizontal ? Math.min(n, width >= 1200 ? 3 : width >= 800 ? 2 : 1) : Math.min(n, width >= 1100 ? 4 : width >= 760 ? 3 : width >= 500 ? 2 : 1)
  const pw = (width - 16) / cols
  for (let r = 0; r * cols < n; r++) {
    const row = spec.panels.slice(r * cols, r * cols + cols)
    const rh = Math.max(...row.map(panelHeight))
    row.forEach((p, ci) => {
      const g = svg.append("g").attr("class", "panel").attr("transform", `translate(${8 + ci * pw},${y})`)
      drawPanel(g, p, pw - 12, rh, opts.lang)
    })
    y += rh + 10
  }
  svg.attr("width", width).attr("height", Math.ceil(y)).attr("viewBox", `0 0 ${width} ${Math.ceil(y)}`)
  svg.insert("rect", ":first-child").attr("width", width).attr("height", Math.ceil(y)).attr("fill", "#fff")
  return svgEl
}
