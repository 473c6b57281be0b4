/**
 * Argument validation for the engine's constructors. Every check names the parameter and what is
 * allowed, so that a bad scenario value fails at build time with a readable message and nothing is
 * thrown from inside the event loop.
 */
export class EngineArgumentError extends Error {
  override readonly name = "EngineArgumentError"
  readonly parameter: string
  readonly value: unknown
  constructor(parameter: string, value: unknown, expected: string) {
    super(`${parameter}: expected ${expected}, got ${formatValue(value)}`)
    this.parameter = parameter
    this.value = value
  }
}

const formatValue = (v: unknown): string => {
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v)
  if (typeof v === "string") return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.length === 0 ? "" : v.slice(0, 6).map(formatValue).join(", ") + (v.length > 6 ? ", …" : "")}]`
  return String(v)
}

export const requireFinite = (name: string, v: number): number => {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new EngineArgumentError(name, v, "a finite number")
  return v
}
export const requirePositive = (name: string, v: number): number => {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new EngineArgumentError(name, v, "a finite number > 0")
  return v
}
export const requireNonNegative = (name: string, v: number): number => {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new EngineArgumentError(name, v, "a finite number ≥ 0")
  return v
}
export const requireProbability = (name: string, v: number): number => {
  if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new EngineArgumentError(name, v, "a probability in [0, 1]")
  return v
}
export const requireNonNegativeInt = (name: string, v: number): number => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new EngineArgumentError(name, v, "a whole number ≥ 0")
  return v
}
export const requireWeights = (name: string, w: ReadonlyArray<number>, length?: number): ReadonlyArray<number> => {
  if (!Array.isArray(w) && !(w instanceof Float64Array)) throw new EngineArgumentError(name, w, "an array of weights")
  if (length !== undefined && w.length !== length) throw new EngineArgumentError(name, w, `exactly ${length} weights`)
  if (w.length === 0) throw new EngineArgumentError(name, w, "at least one weight")
  let sum = 0
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!
    if (!Number.isFinite(x) || x < 0) throw new EngineArgumentError(`${name}[${i}]`, x, "a finite weight ≥ 0")
    sum += x
  }
  if (!(sum > 0)) throw new EngineArgumentError(name, w, "weights whose sum is > 0")
  return w
}
