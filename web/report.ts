/**
 * The steering-meeting report (made by `embassy-sim report`): the question, the scenario and its
 * sources, the scoreboard per option against the targets with CIs, the charts (the page's chart
 * code), the capacity answer where there is one, and the provenance. Opens from file:// with no
 * network; everything from the data is set as text.
 */
import "./style.css"
import "./report.css"
import type { Lang } from "../src/charts/i18n.ts"
import { drawCharts, drawScoreboard, el } from "./charts-view.ts"
import type { ReportData } from "./report-data.ts"
import { assumptionOf } from "../src/present/pack.ts"

const W = {
  en: { optionsTitle: "Options compared", optCols: ["option", "policy", "what it does"], inputsTitle: "Key inputs", missionCols: ["mission", "identification", "main applicants a year (students, workers, specialists, other fast track)", "appointments per open day", "seconded officers"], poolCols: ["Migri pool", "person-years", "serves"], scenario: "Scenario", sources: "Sources: every default figure of the scenario names its source or says it is an estimate (docs/scenarios.md).", scoreboard: "Migri's scoreboard: processing time against the 30 / 14 / 7 / 60-day targets (95 % CI)", verdictNote: "met: the whole 95 % interval is within the target; MISSED: all of it above; open: the interval contains the target (more replications may decide it); no target: the agreement sets none (family members of work and study permits); not comparable: the model's figure cannot be held against the published one (why: under the table). These are model results; docs/calibration.md compares the model with published figures.", staffing: (m: string) => `Migri staffing: ${m === "shared" ? "one shared pool of the same person-years (every handler serves every category)" : "fixed pools (each pool works only its own flows)"}`, staffingPack: (ms: string) => `The runs are under ${ms} Migri staffing; the charts and the scoreboard show the first, chart 5 checks each difference under every assumption.`, staffCols: ["mission", "staff group", "kind", "people", "hours a day", "tasks"], charts: "Charts", provenance: "Provenance", made: "Made from", cols: ["option", "scenario", "policy", "seed", "replications", "scenario hash", "tool", "engine", "random numbers"], reading: "Same scenario + seed ⇒ the same results: rerun with `embassy-sim run <scenario> --policy <policy> --seed <seed> -r <replications>`.",
    sweepFrom: (n: string) => `From the sweep “${n}”: the scoreboard and charts 1–7 show each option at its base point, chart 8 the target against the sweep's first parameter.`,
    base: "the base scenario", basePoint: "base", nearest: (b: string) => `the point nearest the base scenario (which has ${b})`, every: "every option", point: "point",
    sweepProv: (n: string, h: string, d: number, t: number, complete: boolean, r: number) => `Sweep “${n}” (hash ${h}): ${d} of ${t} units${complete ? "" : " — not complete: finish it with `embassy-sim sweep <sweep.json> --out <folder> --resume`"}; ${r} replications of each option's base point.`,
    chartNote: (m: string) => `Chart 8 is not drawn: ${m}.` },
  fi: { optionsTitle: "Vertaillut vaihtoehdot", optCols: ["vaihtoehto", "toimintamalli", "mitä se tekee"], inputsTitle: "Keskeiset lähtötiedot", missionCols: ["edustusto", "tunnistaminen", "päähakijoita vuodessa (opiskelijat, työntekijät, erityisasiantuntijat, muu nopea kaista)", "aikoja aukiolopäivänä", "lähetetyt virkailijat"], poolCols: ["Migrin ryhmä", "henkilötyövuodet", "käsittelee"], scenario: "Skenaario", sources: "Lähteet: skenaarion jokaiselle oletusluvulle on nimetty lähde tai se on merkitty arvioksi (docs/scenarios.md).", scoreboard: "Migrin tulostaulu: käsittelyaika 30 / 14 / 7 / 60 päivän tavoitteisiin nähden (95 %:n lv)", verdictNote: "täyttyy: koko 95 %:n väli on tavoitteessa; EI TÄYTY: koko väli yli; avoin: väli sisältää tavoitteen (lisätoistot voivat ratkaista); ei tavoitetta: tulossopimus ei aseta tavoitetta (työ- ja opiskeluluvan saaneiden perheenjäsenet); ei vertailukelpoinen: mallin lukua ei voi verrata julkaistuun (syy taulukon alla). Tulokset ovat mallin tuloksia; docs/calibration.md vertaa mallia julkaistuihin lukuihin.", staffing: (m: string) => `Migrin henkilöstö: ${m === "shared" ? "yksi yhteinen ryhmä samoin henkilötyövuosin (jokainen käsittelijä käsittelee kaikkia ryhmiä)" : "kiinteät ryhmät (kukin ryhmä käsittelee vain omat hakemuksensa)"}`, staffingPack: (ms: string) => `Ajot on tehty henkilöstöoletuksilla ${ms}; kuvat ja tulostaulu näyttävät ensimmäisen, kuva 5 tarkistaa jokaisen eron kaikilla oletuksilla.`, staffCols: ["edustusto", "henkilöstöryhmä", "laji", "henkilöitä", "tuntia päivässä", "tehtävät"], charts: "Kuvat", provenance: "Alkuperätiedot", made: "Lähtötiedostot", cols: ["vaihtoehto", "skenaario", "toimintamalli", "siemenluku", "toistot", "skenaarion tiiviste", "työkalu", "moottori", "satunnaisluvut"], reading: "Sama skenaario ja siemenluku ⇒ samat tulokset: aja uudelleen `embassy-sim run <skenaario> --policy <malli> --seed <siemen> -r <toistot>`.",
    sweepFrom: (n: string) => `Parametriajosta ”${n}”: tulostaulu ja kuvat 1–7 näyttävät kunkin vaihtoehdon sen perustilanteen pisteessä, kuva 8 tavoitteen ajon ensimmäisen parametrin funktiona.`,
    base: "perusskenaario", basePoint: "perus", nearest: (b: string) => `perusskenaariota lähin piste (siinä ${b})`, every: "kaikki vaihtoehdot", point: "piste",
    sweepProv: (n: string, h: string, d: number, t: number, complete: boolean, r: number) => `Parametriajo ”${n}” (tiiviste ${h}): ${d} / ${t} yksikköä${complete ? "" : " — kesken: jatka komennolla `embassy-sim sweep <sweep.json> --out <kansio> --resume`"}; kunkin vaihtoehdon perustilanteesta ${r} toistoa.`,
    chartNote: (m: string) => `Kuvaa 8 ei piirretty: ${m}.` }
}

const dataEl = document.getElementById("report-data")
const app = document.getElementById("app")!
if (dataEl === null) {
  app.append(el("p", {}, "No report data: make this file with `embassy-sim report <result.json> --out report.html`."))
} else {
  const data = JSON.parse(dataEl.textContent ?? "{}") as ReportData
  const lang: Lang = data.lang === "fi" ? "fi" : "en"
  const w = W[lang]
  document.documentElement.lang = lang
  document.title = data.title
  const first = data.options[0]?.result
  const sc = first?.provenance.scenario
  const scoreboard = el("div", { id: "scoreboard" })
  const charts = el("div", { id: "charts" })
  const provRows = data.options.map((o) => {
    const p = o.result.provenance
    return el("tr", {}, ...[o.label, p.scenarioName, p.policy, String(p.seed), String(p.replications), p.scenarioHash, `${p.tool} ${p.toolVersion}`, p.engineVersion, `${p.rng.algorithm} ${p.rng.version}`].map((c) => el("td", {}, c)))
  })
  const table = (cols: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) =>
    el("table", { class: "scoreboard" }, el("thead", {}, el("tr", {}, ...cols.map((c) => el("th", { scope: "col" }, c)))), el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c) => el("td", {}, c))))))
  const nf = new Intl.NumberFormat(lang === "fi" ? "fi-FI" : "en-GB", { maximumFractionDigits: 2 })
  const optRows = data.options.map((o) => [o.label, o.result.provenance.policy, o.result.provenance.scenario.policies[o.result.provenance.policy]?.description ?? ""])
  const missionRows = (sc?.missions ?? []).map((m) => [m.name, m.identification.provider,
    [m.arrivals.student, m.arrivals.worker, m.arrivals.specialist, m.arrivals.fastTrack].map((a) => nf.format(a.annual)).join(" · "),
    nf.format(m.identification.slotsPerDay), nf.format(m.staff.officers)])
  const poolRows = (sc?.migri.pools ?? []).map((p) => [p.id, nf.format(p.personYears), p.serves.join(", ")])
  const staffRows = (sc?.missions ?? []).flatMap((m) => (m.staffGroups ?? []).map((g) => [m.name, g.id, g.kind, nf.format(g.people), nf.format(g.hoursPerDay), g.tasks.join(", ")]))
  const modes = [...new Set(data.options.map((o) => assumptionOf(o.result.provenance.scenario)))]
  // a report of a sweep folder: where in the sweep each option's results are (one line when every option is at the same point)
  const sw = data.sweep
  const vals = (v: Readonly<Record<string, number | null>>) => Object.entries(v).map(([k, x]) => `${k} = ${x === null ? w.basePoint : nf.format(x)}`).join(", ")
  const pointLine = (p: NonNullable<typeof sw>["points"][number]) => `${w.point} ${p.point} (${vals(p.values)}): ${p.exact ? w.base : w.nearest(vals(p.baseValues))}`
  const sweepLines = sw === undefined ? [] : new Set(sw.points.map(pointLine)).size === 1
    ? [`${w.every}: ${pointLine(sw.points[0]!)}`]
    : sw.points.map((p) => `${p.option}: ${pointLine(p)}`)
  const sweepBlock = sw === undefined ? [] : [el("p", { class: "sweep" }, w.sweepFrom(sw.name)), el("ul", { class: "sweep-points" }, ...sweepLines.map((l) => el("li", {}, l))),
    ...(sw.chartNote !== undefined ? [el("p", { class: "muted" }, w.chartNote(sw.chartNote))] : [])]
  app.append(
    el("header", {}, el("div", {}, el("h1", {}, data.title), el("p", { class: "question" }, data.question))),
    el("section", { class: "scenario" }, el("h2", {}, `${w.scenario}: ${sc?.name ?? ""}`), el("p", {}, sc?.description ?? ""), ...sweepBlock,
      el("h3", {}, w.optionsTitle), table(w.optCols, optRows),
      el("h3", {}, w.inputsTitle), table(w.missionCols, missionRows), ...(staffRows.length > 0 ? [table(w.staffCols, staffRows)] : []),
      el("p", {}, w.staffing(modes[0] ?? "fixed")), table(w.poolCols, poolRows),
      ...(modes.length > 1 ? [el("p", {}, w.staffingPack(modes.join(" / ")))] : []),
      el("p", { class: "muted" }, w.sources)),
    el("section", {}, el("h2", {}, w.scoreboard), scoreboard, el("p", { class: "muted" }, w.verdictNote)),
    el("section", {}, el("h2", {}, w.charts), charts),
    el("section", { class: "provenance" }, el("h2", {}, w.provenance),
      el("table", { class: "scoreboard" }, el("thead", {}, el("tr", {}, ...w.cols.map((c) => el("th", { scope: "col" }, c)))), el("tbody", {}, ...provRows)),
      el("p", { class: "muted" }, w.reading),
      ...(sw !== undefined ? [el("p", { class: "muted", id: "sweep-provenance" }, w.sweepProv(sw.name, sw.hash, sw.unitsDone, sw.unitsTotal, sw.complete, sw.replications))] : []),
      el("p", { class: "muted" }, `${w.made}: ${data.sources.join(", ")}`))
  )
  const input = { options: data.options, capacity: data.capacity }
  drawScoreboard(scoreboard, input, lang)
  drawCharts(charts, input, { lang, width: 1040, basis: "decision", skipCapacity: true })
  document.body.dataset.status = "done"
  document.body.dataset.charts = String(charts.querySelectorAll("svg.chart-svg").length)
}
