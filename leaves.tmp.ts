import { readFileSync } from "node:fs"
import { decodeScenario, mergeScenario } from "./src/scenario/decode.ts"
const load = (f: string): any => { const j = JSON.parse(readFileSync(f, "utf8")); return j.extends ? mergeScenario(load(f.replace(/[^/]+$/, "") + j.extends), j) : j }
const d = decodeScenario(load(process.argv[2]!))
if (!d.ok) throw new Error(JSON.stringify(d.problems))
const out: string[] = []
const walk = (v: unknown, p: string) => {
  if (typeof v === "number") out.push(p + " = " + v)
  else if (Array.isArray(v)) { if (v.every((x) => typeof x === "number")) out.push(p + " = [" + v.join(",") + "]"); else v.forEach((x, i) => walk(x, `${p}.${i}`)) }
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k)
}
walk(d.value, "")
console.log(out.join("\n"))
