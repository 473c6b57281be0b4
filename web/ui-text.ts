/** The page's own words, English and Finnish. */
import type { Lang } from "../src/charts/i18n.ts"

const EN = {
  title: "embassy-sim: the peak and the 30 / 14 / 7-day targets",
  subtitle: "Simulate a year of work- and study-based residence permits at a mission and at Migri, and compare operating models on the same random numbers.",
  scenario: "Scenario", bundled: "Bundled scenario or pack", loadFile: "…or load a scenario or pack file (.json)", fileErrors: "Problems in the file",
  scenarios: "Scenarios", packs: "Packs (several scenarios side by side)",
  packOptions: "Runs of the pack to compare: each is compared with the marked reference (the first ticked run under the same Migri staffing)",
  options: "Options to compare: the differences are against the marked reference (the scenario's own policy, or the first ticked)", replications: "Replications", seed: "Seed", bothStaffing: "also under the other Migri staffing assumption (fixed ↔ shared): does each difference keep its sign?",
  run: "Run", cancel: "Cancel", share: "Copy link to this view", copied: "Link copied to the clipboard.",
  inputs: "Key inputs", mission: "Mission", annual: (c: string) => `${c}: main applicants a year`, profile: "Students' monthly intake profile (Jan … Dec, relative)",
  slots: "Identification appointments per open day", officers: "Seconded officers", familyMean: "Family members per student (mean)", withMain: "Share of student families applying together",
  hearing: "Students' hearing rate (main applicants)", hearingFamily: "Students' family members' hearing rate", pools: "Migri: staffing and person-years per pool", pool: (p: string) => `pool ${p}`,
  staffing: "Migri staffing", staffingFixed: "fixed pools (each works its own flows)", staffingShared: "one shared pool (the same person-years)",
  staffPeople: (g: string, k: string) => `staff group ${g}${k ? ` (${k})` : ""}: people`,
  windows: "Policy windows", from: "from", to: "to", reset: "Reset inputs",
  idle: "Choose a scenario and options, then run.", running: (d: number, n: number, w: number) => `Running: ${d} / ${n} replications on ${w} workers…`,
  done: (n: number, s: string, f: string) => `Done: ${n} replications in ${s} s (first charts after ${f} s).`, cancelled: (d: number) => `Cancelled after ${d} replications; the charts show those that finished.`,
  error: (m: string) => `The simulation stopped: ${m}`, invalid: "The scenario has problems (see the fields marked): fix them to run.",
  exports: "Export", csv: "CSV", csvFi: "CSV (Excel, Finnish)", xlsx: "Excel (.xlsx)", json: "JSON (with provenance)", svg: "SVG", png: "PNG",
  basis: "Scoreboard by month of", decision: "decision", application: "application", language: "Suomeksi",
  notNumber: "write a number", mustBe: (lo: number, hi: number) => `must be between ${lo} and ${hi}`, noOptions: "tick at least one option", tooMuch: (m: string) => `at most ${m} with these family sizes`,
  reference: "reference", results: "Results", chartsFor: (s: string) => `Results: ${s}`
}
export type UiText = typeof EN

const FI: UiText = {
  title: "embassy-sim: ruuhka ja 30 / 14 / 7 päivän tavoitteet",
  subtitle: "Simuloi vuosi työn ja opiskelun perusteella haettuja oleskelulupia edustustossa ja Migrissä, ja vertaa toimintamalleja samoilla satunnaisluvuilla.",
  scenario: "Skenaario", bundled: "Valmis skenaario tai paketti", loadFile: "…tai lataa skenaario- tai pakettitiedosto (.json)", fileErrors: "Tiedoston ongelmat",
  scenarios: "Skenaariot", packs: "Paketit (useita skenaarioita rinnakkain)",
  packOptions: "Verrattavat paketin ajot: kutakin verrataan merkittyyn vertailukohtaan (ensimmäinen valittu ajo samalla Migrin henkilöstöoletuksella)",
  options: "Verrattavat vaihtoehdot: erot lasketaan merkittyyn vertailukohtaan (skenaarion oma malli tai ensimmäinen valittu)", replications: "Toistot", seed: "Siemenluku", bothStaffing: "myös toisella Migrin henkilöstöoletuksella (kiinteä ↔ yhteinen): pysyykö jokaisen eron etumerkki?",
  run: "Aja", cancel: "Keskeytä", share: "Kopioi linkki tähän näkymään", copied: "Linkki kopioitu leikepöydälle.",
  inputs: "Keskeiset lähtötiedot", mission: "Edustusto", annual: (c: string) => `${c}: päähakijoita vuodessa`, profile: "Opiskelijoiden hakemukset kuukausittain (tammi … joulu, suhteellinen)",
  slots: "Tunnistamisaikoja aukiolopäivänä", officers: "Lähetetyt virkailijat", familyMean: "Perheenjäseniä opiskelijaa kohden (ka.)", withMain: "Yhdessä hakevien opiskelijaperheiden osuus",
  hearing: "Opiskelijoiden puhuttelujen osuus (päähakijat)", hearingFamily: "Opiskelijoiden perheenjäsenten puhuttelujen osuus", pools: "Migri: henkilöstö ja henkilötyövuodet ryhmittäin", pool: (p: string) => `ryhmä ${p}`,
  staffing: "Migrin henkilöstö", staffingFixed: "kiinteät ryhmät (kukin omat hakemuksensa)", staffingShared: "yksi yhteinen ryhmä (samat henkilötyövuodet)",
  staffPeople: (g: string, k: string) => `henkilöstöryhmä ${g}${k ? ` (${k})` : ""}: henkilöitä`,
  windows: "Toimintamallien ajanjaksot", from: "alkaen", to: "asti", reset: "Palauta lähtötiedot",
  idle: "Valitse skenaario ja vaihtoehdot ja aja.", running: (d: number, n: number, w: number) => `Ajetaan: ${d} / ${n} toistoa, ${w} workeria…`,
  done: (n: number, s: string, f: string) => `Valmis: ${n} toistoa ${s} s:ssa (ensimmäiset kuvat ${f} s:n jälkeen).`, cancelled: (d: number) => `Keskeytetty ${d} toiston jälkeen; kuvat näyttävät valmistuneet toistot.`,
  error: (m: string) => `Simulointi pysähtyi: ${m}`, invalid: "Skenaariossa on ongelmia (katso merkityt kentät): korjaa ne ajaaksesi.",
  exports: "Vie", csv: "CSV", csvFi: "CSV (Excel, suomi)", xlsx: "Excel (.xlsx)", json: "JSON (alkuperätiedoin)", svg: "SVG", png: "PNG",
  basis: "Tulostaulu kuukauden mukaan:", decision: "päätös", application: "hakemus", language: "In English",
  notNumber: "kirjoita luku", mustBe: (lo: number, hi: number) => `arvon on oltava ${lo}–${hi}`, noOptions: "valitse vähintään yksi vaihtoehto", tooMuch: (m: string) => `enintään ${m} näillä perhekoilla`,
  reference: "vertailukohta", results: "Tulokset", chartsFor: (s: string) => `Tulokset: ${s}`
}

export const ui = (lang: Lang): UiText => (lang === "fi" ? FI : EN)
