/**
 * The chart specification: what a chart shows, as plain data (no DOM). The pure transforms in
 * transforms.ts turn results into specs; the thin d3 renderer (render/svg.ts) draws any spec the same
 * way in the page and in the report. Category axes index their categories 0..n−1.
 */

/** One tick of an axis: where, and its text. */
export interface Tick { readonly value: number; readonly label: string }

export interface Axis {
  readonly label: string
  /** "category": values are indices into `categories`; "linear": numbers */
  readonly kind: "category" | "linear"
  readonly categories?: ReadonlyArray<string>
  readonly domain?: readonly [number, number]
  readonly ticks?: ReadonlyArray<Tick>
  /** category labels turned 30° (long names such as options) instead of thinned out */
  readonly rotate?: boolean
  /** how tick values print when no ticks are given */
  readonly format?: "int" | "pct" | "num"
}

export interface Point { readonly x: number; readonly y: number | null; readonly lo?: number | null; readonly hi?: number | null }
export interface BandPoint { readonly x: number; readonly lo: number | null; readonly hi: number | null }
export interface Bar { readonly x: number; readonly y: number | null; readonly base?: number; readonly lo?: number | null; readonly hi?: number | null }

interface MarkBase {
  /** legend entry it belongs to */
  readonly key: string
  readonly label: string
  /** index into the palette */
  readonly colour: number
}
/** a line through points, optional CI whiskers at each point */
export interface LineMark extends MarkBase { readonly type: "line"; readonly points: ReadonlyArray<Point>; readonly dash?: number; readonly whiskers?: boolean }
/** a shaded band between lo and hi */
export interface BandMark extends MarkBase { readonly type: "band"; readonly points: ReadonlyArray<BandPoint> }
/** bars on a category axis; marks with the same `slot` share a position (stacked by `base`), different slots stand side by side */
export interface BarMark extends MarkBase { readonly type: "bar"; readonly bars: ReadonlyArray<Bar>; readonly slot: number; readonly slots: number }
/** dots with intervals on a category axis (horizontal charts put the categories on the y axis), optional text beside each */
export interface DotMark extends MarkBase {
  readonly type: "dot"
  readonly dots: ReadonlyArray<Point & { readonly text?: string }>
  readonly slot: number
  readonly slots: number
  readonly shape?: "circle" | "tick"
}
export type Mark = LineMark | BandMark | BarMark | DotMark

export interface Target { readonly value: number; readonly label: string; readonly axis?: "value" | "category"; readonly category?: number }

export interface Panel {
  readonly title: string
  /** the category or time axis */
  readonly x: Axis
  /** the value axis */
  readonly y: Axis
  readonly marks: ReadonlyArray<Mark>
  readonly targets: ReadonlyArray<Target>
  /** categories on the vertical axis, values along the horizontal one */
  readonly horizontal?: boolean
  /** text shown instead of marks when there is nothing to draw */
  readonly empty?: string
}

export interface LegendEntry { readonly key: string; readonly label: string; readonly colour: number; readonly kind: "line" | "band" | "bar" | "dot" | "tick" | "target"; readonly dash?: number }

export interface ChartSpec {
  readonly id: string
  readonly title: string
  /** one sentence: what the chart shows, read from the data */
  readonly reading: string
  readonly panels: ReadonlyArray<Panel>
  readonly legend: ReadonlyArray<LegendEntry>
  readonly note?: string
}

/** Okabe–Ito, reordered so that the first colours stay apart on a projector (yellow last). */
export const PALETTE: ReadonlyArray<string> = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
/** dash patterns per option, so that lines stay apart in grey print */
export const DASHES: ReadonlyArray<string> = ["", "6 3", "2 2", "8 3 2 3", "1 3", "10 4"]
export const TARGET_COLOUR = "#555555"
/** neutral colours for what is not an option: −1 targets, −2 light grey (demand bars), −3 dark grey (reference marks) */
const NEUTRAL: Readonly<Record<number, string>> = {
  [-1]: TARGET_COLOUR, [-2]: "#B8B8B8", [-3]: "#666666",
  // tasks (stacked hours): light-to-dark steps of two hues, apart from the option colours and readable in grey
  [-10]: "#2F4B7C", [-11]: "#7A9CC6", [-12]: "#C5D5EA", [-13]: "#7F4F24", [-14]: "#B08968", [-15]: "#DDB892", [-16]: "#4D4D4D",
  // mission staff hours (green steps): reception, identification, officer tasks
  [-17]: "#1B7837", [-18]: "#7FBF7B", [-19]: "#C2E4BC"
}
/** colour index of the n-th task (0–6 hours by task, 7–9 mission staff hours) */
export const taskColour = (n: number): number => -10 - n
export const colourOf = (i: number): string => NEUTRAL[i] ?? PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!
export const dashOf = (i: number): string => DASHES[((i % DASHES.length) + DASHES.length) % DASHES.length]!
