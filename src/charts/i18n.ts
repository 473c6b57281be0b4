/**
 * Words and number formats of the charts, in English and Finnish. Pure (Intl only), so the page, the
 * report and the unit tests format the same way.
 */
export type Lang = "en" | "fi"
export const LANGS: ReadonlyArray<Lang> = ["en", "fi"]
export const locale = (lang: Lang): string => (lang === "fi" ? "fi-FI" : "en-GB")

const nf = new Map<string, Intl.NumberFormat>()
/** A number in the language's format with the given decimals ("–" for null / NaN). */
export const num = (lang: Lang, v: number | null | undefined, digits = 1): string => {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–"
  const key = `${lang}:${digits}`
  let f = nf.get(key)
  if (f === undefined) { f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }); nf.set(key, f) }
  // Intl writes U+2212 for minus in Finnish; keep it, and a normal space as the group separator for print
  return f.format(v).replace(/\u00a0|\u202f/g, " ")
}
export const pct = (lang: Lang, v: number | null | undefined, digits = 0): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "–" : `${num(lang, v * 100, digits)} %`

/** Short month name of a calendar month 0..11. */
export const monthName = (lang: Lang, month: number): string =>
  new Intl.DateTimeFormat(locale(lang), { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2001, ((month % 12) + 12) % 12, 15))).replace(/\.$/, "")

/** A month as a reading names it: "Jul" in English, "heinäkuussa" (in July) in Finnish. */
export const monthIn = (lang: Lang, month: number): string =>
  lang === "fi" ? `${new Intl.DateTimeFormat("fi-FI", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2001, ((month % 12) + 12) % 12, 15)))}ssa` : monthName(lang, month)

const CATEGORY_FI: Readonly<Record<string, string>> = { student: "Opiskelijat", worker: "Työntekijät (TTOL)", specialist: "Erityisasiantuntijat", fastTrack: "Muu nopea kaista" }
const CATEGORY_EN: Readonly<Record<string, string>> = { student: "Students", worker: "Workers (TTOL)", specialist: "Specialists", fastTrack: "Other fast track" }
/** A group's name: the category's built-in name in the language (the scenario's label for unknown ones), "… family" for family members. */
export const groupName = (lang: Lang, category: string, role: "main" | "family", scenarioLabel?: string): string => {
  const base = (lang === "fi" ? CATEGORY_FI : CATEGORY_EN)[category] ?? scenarioLabel ?? category
  return role === "family" ? `${base}: ${lang === "fi" ? "perheenjäsenet" : "family"}` : base
}

const ROW_FI: Readonly<Record<string, string>> = {
  study: "opiskelijat", work: "työntekijät (TTOL)", "fast-track": "nopea kaista ja perheet", "specialists-blue-card": "erityisasiantuntijat, EU:n sininen kortti: myönteiset",
  negative: "kielteiset päätökset", "study-family": "opiskelijoiden perheenjäsenet", "work-family": "työntekijöiden perheenjäsenet", "all-positive": "kaikki myönteiset päätökset",
  seasonal: "kausityöntekijät (kohortti)"
}
const SHORT_EN: Readonly<Record<string, string>> = { "fast-track": "fast track", "specialists-blue-card": "specialists, Blue Card", negative: "negatives" }
const SHORT_FI: Readonly<Record<string, string>> = { "fast-track": "nopea kaista", "specialists-blue-card": "erityisasiant., sininen kortti", negative: "kielteiset" }
/** The staffing check's verdict (src/present/verdicts.ts signVerdict) in the language. */
export const signWords = (lang: Lang, verdict: string): string => {
  if (lang !== "fi") return verdict
  const only = /^only under (.*)$/.exec(verdict)
  if (only !== null) return `vain: ${only[1]}`
  return ({ "sign holds": "etumerkki pysyy", "sign FLIPS": "etumerkki KÄÄNTYY", "no clear effect": "ei selvää vaikutusta" } as Record<string, string>)[verdict] ?? verdict
}

/** A scoreboard row's name: the model's label in English, the built-in Finnish name in Finnish; `short` for panel titles. */
export const rowName = (lang: Lang, id: string, label: string, short = false): string =>
  (short ? (lang === "fi" ? SHORT_FI : SHORT_EN)[id] : undefined) ?? (lang === "fi" ? ROW_FI[id] ?? label : label)

export interface ChartWords {
  days: string; people: string; share: string; applications: string; cases: string; hours: string; utilisation: string; month: string
  monthOfApplication: string; monthOfDecision: string; dayOfYear: string
  target: (d: number) => string; targetLine: string; within: (d: number) => string
  c1Title: string; c1Apps: string; c1Expected: string; c1Capacity: (opt: string) => string; c1Used: string
  c1Reading: (mission: string, month: string, apps: string, cap: string, ratio: string) => string
  c2Title: string; c2Queue: (mission: string) => string; c2Backlog: string; c2Band: string; c2Ci: string; c2Median: (opt: string) => string
  c2Reading: (month: string, n: string, opt: string, qMonth: string, q: string, mission: string) => string
  c3Title: (basis: string) => string; c3Mean: (g: string) => string; c3Share: (g: string, d: number) => string
  c3Reading: (g: string, month: string, v: string, t: number, opt: string) => string; c3ReadingOk: (opt: string) => string; c3Note: string; noTarget: string; pp: string; notComparable: string; notComparableNote: string
  c5Staffing: (modes: string) => string; c5StaffingPack: (first: string, others: string) => string; c5StaffingReading: (holds: number, flips: number, some: number, modes: string) => string
  staffHours: (m: string) => string; reception: string; identification: string; officerTasks: string; idle: string; poolPeople: (p: string, staffing: string) => string
  c4Title: string; c4Mean: string; c4P90: string; c4Median: string; c4Axis: string
  c4Reading: (over: number, total: number, opt: string, g: string, p90: string) => string
  c5Title: string; c5Reading: (ref: string, parts: string) => string; c5Part: (opt: string, b: number, w: number, n: number) => string
  better: string; worse: string; noDiff: string; noPaired: string; reference: string
  c6Title: string; c6Reading: (best: string, bv: string, worst: string, wv: string) => string
  separation: string; afterStart: string; familyAfterStart: string; duplicated: string; expired: string
  c7Title: string; missionHours: string; migriHours: string; hearing: string; supplementary: string; dna: string
  handling: string; rechecks: string; answers: string; remote: string; slotsUse: (m: string) => string; officerUse: (m: string) => string; poolUse: (p: string) => string
  full: string; c7Reading: (what: string, lo: string, loM: string, hi: string, hiM: string) => string
  c8Title: string; c8Reading: (target: string, lever: string) => string; c8Missed: (target: string) => string; c8Answer: string; c8None: string
  /** 9 · seasonal workers (a cohort, reported apart from the four categories; no verdict: their target and pool are estimates) */
  c9Title: string; c9Migri: string; c9Wait: (mission: string) => string; c9MigriAxis: string; c9WaitAxis: string
  c9Target: (d: number) => string; c9TargetLine: string
  /** where the shortest Migri time's 95 % interval lies against the target: "below", "across" (contains it) or "above" */
  c9Side: (side: "below" | "across" | "above", ci: boolean, t: number) => string
  c9Reading: (opt: string, v: string, ci: string, side: string, only: boolean, tied: number) => string
  c9WaitOne: (mission: string, v: string) => string; c9WaitRange: (mission: string, lo: string, loOpt: string, hi: string, hiOpt: string) => string
  c9NoDecisions: string; c9Note: (days: ReadonlyArray<number>) => string; c9ByMonth: string; c9MonthAxis: string; c9MonthRange: (opt: string, lo: string, loM: string, hi: string, hiM: string) => string
  option: string; value: string; difference: string
}

const EN: ChartWords = {
  days: "days", people: "people waiting", share: "share", applications: "applications", cases: "cases", hours: "hours", utilisation: "utilisation", month: "month",
  monthOfApplication: "month of application", monthOfDecision: "month of decision", dayOfYear: "reported year",
  target: (d) => `target ${d} d`, targetLine: "target", within: (d) => `within ${d} d`,
  c1Title: "1 · The peak: monthly applications against identification capacity",
  c1Apps: "applications (incl. family members)", c1Expected: "main applicants expected (scenario)", c1Capacity: (o) => `appointments offered · ${o}`, c1Used: "appointments used",
  c1Reading: (m, mo, a, c, r) => `${m}: applications peak in ${mo} at ${a} a month against ${c} appointments offered (${r}× capacity).`,
  c2Title: "2 · Appointment queue and Migri backlog over the year",
  c2Queue: (m) => `waiting for an appointment${m ? ` · ${m}` : ""}`, c2Backlog: "cases pending at Migri", c2Band: "10–90 % of replications", c2Ci: "95 % CI of the mean", c2Median: (o) => o,
  c2Reading: (mo, n, o, qmo, q, m) => `Migri's backlog peaks in ${mo} at ${n} cases (${o}); the appointment queue at ${m} peaks in ${qmo} at ${q} people.`,
  c3Title: (b) => `3 · Scoreboard by ${b}: mean Migri processing time and share within the target`,
  c3Mean: (g) => `${g}: mean Migri time`, c3Share: (g, d) => `${g}: decided within ${d} d`,
  c3Reading: (g, mo, v, t, o) => `${g}: in ${mo} the mean Migri time reaches ${v} d against the ${t}-day target (${o}).`,
  c3ReadingOk: (o) => `Every group's monthly mean stays within its target (${o}).`,
  noTarget: "no target", pp: "pp", notComparable: "not comparable", notComparableNote: "the model's figure cannot be held against the published one (see the scoreboard table).", c3Note: "Migri's scoreboard: by month of decision counts the decisions made in the month, as Migri reports them; by month of application follows the applications made in the month. The 7-day row counts positive decisions on specialists and EU Blue Cards; the share panels count decisions within the row's target.",
  c5Staffing: (m) => `Migri staffing: ${m}`, c5StaffingPack: (f, o) => `Staffing: ${f} (shown); the staffing check (after each difference) against ${o}: does the sign hold under every assumption?${o.includes("mission staff") ? " (“mission staff”: the mission's capacity from its staff's hours instead of typed slots)" : ""}`,
  c5StaffingReading: (h, f, s, m) => ` Under every staffing assumption (${m}): sign holds on ${h}, FLIPS on ${f}, clear under only some on ${s}.`,
  staffHours: (m) => `mission staff hours by task${m ? ` · ${m}` : ""}`, reception: "reception", identification: "identification", officerTasks: "officer tasks", idle: "present, not used",
  poolPeople: (p, st) => `Migri pool ${p} (${st} staffing)`,
  c4Title: "4 · Distribution of Migri processing time per group, target marked", c4Mean: "mean (95 % CI)", c4P90: "90th percentile", c4Median: "median", c4Axis: "Migri processing time, days",
  c4Reading: (over, total, o, g, p) => `${over} of ${total} groups with a target have a mean Migri time above it (${o}); the longest 90th percentile is ${g}'s, ${p} d.`,
  c5Title: "5 · Options side by side: mean with 95 % CI, paired difference from the reference",
  c5Reading: (ref, parts) => `Against ${ref} on the same random numbers: ${parts}.`, c5Part: (o, b, w, n) => `${o} better on ${b}, worse on ${w}, no clear difference on ${n}`,
  better: "better", worse: "worse", noDiff: "no clear difference", noPaired: "no paired data", reference: "reference",
  c6Title: "6 · Families", c6Reading: (b, bv, w, wv) => `Family members wait after the main applicant's decision ${bv} d on average under ${b}, ${wv} d under ${w}.`,
  separation: "family separation, days (mean)", afterStart: "students decided after their study start", familyAfterStart: "students with family decided after study start",
  duplicated: "duplicated subsistence checks", expired: "expired subsistence evidence",
  c7Title: "7 · Mission and Migri hours by task, and utilisation by month",
  missionHours: "mission officer hours by task", migriHours: "Migri handler hours by task", hearing: "hearings", supplementary: "supplementary requests", dna: "DNA sampling",
  handling: "case handling", rechecks: "subsistence rechecks", answers: "supplementary answers", remote: "remote hearings",
  slotsUse: (m) => `appointment slots used${m ? ` · ${m}` : ""}`, officerUse: (m) => `mission officer hours used${m ? ` · ${m}` : ""}`, poolUse: (p) => `Migri pool ${p}`,
  full: "100 %", c7Reading: (w, lo, lom, hi, him) => `${w}: utilisation ranges from ${lo} in ${lom} to ${hi} in ${him}.`,
  c8Title: "8 · Capacity answer: the target against the lever",
  c8Reading: (t, l) => `${t} is met from ${l} on (the whole 95 % CI on the target's side).`, c8Missed: (t) => `${t} is not met anywhere in the range tried.`,
  c8Answer: "where the target is met", c8None: "Load a capacity search result or a sweep to see the capacity answer.",
  c9Title: "9 · Seasonal workers (cohort): mean Migri time against the scenario's target, and appointment wait",
  c9Migri: "seasonal workers: mean Migri time (95 % CI)", c9Wait: (m) => `seasonal workers: mean appointment wait${m ? ` at ${m}` : ""} (95 % CI)`,
  c9MigriAxis: "Migri processing time, days", c9WaitAxis: "appointment wait, days",
  c9Target: (d) => `target ${d} d (estimate)`, c9TargetLine: "target (an estimate)",
  c9Side: (side, ci, t) => `${ci ? (side === "across" ? "its interval contains" : `its whole interval is ${side}`) : `its mean is ${side === "across" ? "at" : side}`} the scenario's ${t}-day target`,
  c9Reading: (o, v, ci, side, only, tied) => `Seasonal workers' mean Migri time ${only ? `under ${o} is` : `is shortest under ${o}${tied > 0 ? ` (as short under ${tied} other option${tied > 1 ? "s" : ""})` : ""}:`} ${v} d${ci ? ` (95 % CI ${ci})` : ""}; ${side}`,
  c9WaitOne: (m, v) => `; their mean appointment wait${m ? ` at ${m}` : ""} is ${v} d.`,
  c9WaitRange: (m, lo, lo_o, hi, hi_o) => `; their mean appointment wait${m ? ` at ${m}` : ""} ranges from ${lo} d (${lo_o}) to ${hi} d (${hi_o}).`,
  c9ByMonth: "seasonal workers: mean Migri time by month of application (95 % CI)", c9MonthAxis: "month of application",
  c9MonthRange: (o, lo, loM, hi, hiM) => ` By month of application, under ${o}: from ${lo} d (applied in ${loM}) to ${hi} d (in ${hiM}).`,
  c9NoDecisions: "No seasonal worker who applied in the reported year has a decision in the simulated period.",
  c9Note: (t) => `Not Migri's scoreboard, and no verdict: the target (${t.map((d) => `${d} d`).join(", ")}) and the size of the seasonal pool are estimates (docs/scenarios.md), and the figures count the reported year's applications (a cohort), not the decisions made in it. Seasonal workers are reported apart from the four categories.`,
  option: "option", value: "value", difference: "difference"
}

const FI: ChartWords = {
  days: "päivää", people: "odottajia", share: "osuus", applications: "hakemusta", cases: "asiaa", hours: "tuntia", utilisation: "käyttöaste", month: "kuukausi",
  monthOfApplication: "hakukuukausi", monthOfDecision: "päätöskuukausi", dayOfYear: "raportoitu vuosi",
  target: (d) => `tavoite ${d} pv`, targetLine: "tavoite", within: (d) => `${d} pv:ssä`,
  c1Title: "1 · Ruuhka: hakemukset kuukausittain ja tunnistamiskapasiteetti",
  c1Apps: "hakemukset (myös perheenjäsenet)", c1Expected: "odotetut päähakijat (skenaario)", c1Capacity: (o) => `tarjotut ajat · ${o}`, c1Used: "käytetyt ajat",
  c1Reading: (m, mo, a, c, r) => `${m}: hakemuksia on eniten ${mo}, ${a} kuukaudessa, kun aikoja tarjotaan ${c} (${r}× kapasiteetti).`,
  c2Title: "2 · Ajanvarausjono ja Migrin käsittelyjono vuoden aikana",
  c2Queue: (m) => `odottaa tunnistamisaikaa${m ? ` · ${m}` : ""}`, c2Backlog: "vireillä Migrissä", c2Band: "10–90 % toistoista", c2Ci: "keskiarvon 95 %:n luottamusväli", c2Median: (o) => o,
  c2Reading: (mo, n, o, qmo, q, m) => `Migrin jono on suurimmillaan ${mo}, ${n} asiaa (${o}); ajanvarausjono (${m}) ${qmo}, ${q} henkeä.`,
  c3Title: (b) => `3 · Tulostaulu (${b}): Migrin keskimääräinen käsittelyaika ja tavoiteajassa ratkaistujen osuus`,
  c3Mean: (g) => `${g}: Migrin käsittelyaika, ka.`, c3Share: (g, d) => `${g}: ratkaistu ${d} pv:ssä`,
  c3Reading: (g, mo, v, t, o) => `${g}: ${mo} Migrin käsittelyaika on keskimäärin ${v} pv, tavoite ${t} pv (${o}).`,
  c3ReadingOk: (o) => `Jokaisen ryhmän kuukausikeskiarvo pysyy tavoitteessa (${o}).`,
  noTarget: "ei tavoitetta", pp: "%-yks.", notComparable: "ei vertailukelpoinen", notComparableNote: "mallin lukua ei voi verrata julkaistuun (ks. tulostaulu).", c3Note: "Migrin tulostaulu: päätöskuukauden mukaan lasketaan kuukauden aikana tehdyt päätökset, kuten Migri ne raportoi; hakukuukauden mukaan seurataan kuukauden aikana jätettyjä hakemuksia.",
  c5Staffing: (m) => `Migrin henkilöstö: ${m}`, c5StaffingPack: (f, o) => `Henkilöstö: ${f} (kuvassa); henkilöstötarkistus (eron perässä) oletuksella ${o}: pysyykö etumerkki kaikilla oletuksilla?${o.includes("mission staff") ? " (”mission staff”: edustuston kapasiteetti henkilöstön tunneista eikä annetuista aikamääristä)" : ""}`,
  c5StaffingReading: (h, f, s, m) => ` Kaikilla henkilöstöoletuksilla (${m}): etumerkki pysyy ${h}, kääntyy ${f}, selvä vain osalla ${s} mittarissa.`,
  staffHours: (m) => `edustuston henkilöstön tunnit tehtävittäin${m ? ` · ${m}` : ""}`, reception: "vastaanotto", identification: "tunnistaminen", officerTasks: "virkailijatehtävät", idle: "paikalla, ei käytössä",
  poolPeople: (p, st) => `Migrin ryhmä ${p} (${st === "shared" ? "yhteinen" : "kiinteä"} henkilöstö)`,
  c4Title: "4 · Migrin käsittelyajan jakauma ryhmittäin, tavoite merkittynä", c4Mean: "keskiarvo (95 %:n lv)", c4P90: "90. persentiili", c4Median: "mediaani", c4Axis: "Migrin käsittelyaika, päivää",
  c4Reading: (over, total, o, g, p) => `${over}/${total} ryhmän keskimääräinen käsittelyaika ylittää tavoitteen (${o}); pisin 90. persentiili on ryhmällä ${g}, ${p} pv.`,
  c5Title: "5 · Vaihtoehdot rinnakkain: keskiarvo ja 95 %:n lv, parittainen ero vertailukohtaan",
  c5Reading: (ref, parts) => `Verrattuna vaihtoehtoon ${ref} samoilla satunnaisluvuilla: ${parts}.`, c5Part: (o, b, w, n) => `${o} parempi ${b}, huonompi ${w}, ei selvää eroa ${n} mittarissa`,
  better: "parempi", worse: "huonompi", noDiff: "ei selvää eroa", noPaired: "ei parittaista dataa", reference: "vertailukohta",
  c6Title: "6 · Perheet", c6Reading: (b, bv, w, wv) => `Perheenjäsenet odottavat päähakijan päätöksen jälkeen keskimäärin ${bv} pv (${b}), ${wv} pv (${w}).`,
  separation: "perheen erossaoloaika, pv (ka.)", afterStart: "opiskelijat, päätös opintojen alun jälkeen", familyAfterStart: "opiskelijat, joiden perheen päätös opintojen alun jälkeen",
  duplicated: "päällekkäiset toimeentulotarkistukset", expired: "vanhentuneet toimeentuloselvitykset",
  c7Title: "7 · Edustuston ja Migrin tunnit tehtävittäin ja käyttöaste kuukausittain",
  missionHours: "edustuston virkailijatunnit tehtävittäin", migriHours: "Migrin käsittelijätunnit tehtävittäin", hearing: "puhuttelut", supplementary: "lisäselvitykset", dna: "DNA-näytteet",
  handling: "asian käsittely", rechecks: "toimeentulon uudelleentarkistus", answers: "lisäselvitysvastaukset", remote: "etäpuhuttelut",
  slotsUse: (m) => `tunnistamisajat käytössä${m ? ` · ${m}` : ""}`, officerUse: (m) => `virkailijatunnit käytössä${m ? ` · ${m}` : ""}`, poolUse: (p) => `Migrin ryhmä ${p}`,
  full: "100 %", c7Reading: (w, lo, lom, hi, him) => `${w}: käyttöaste vaihtelee ${lo} (${lom}) – ${hi} (${him}).`,
  c8Title: "8 · Kapasiteettivastaus: tavoite vipuun nähden",
  c8Reading: (t, l) => `${t} täyttyy arvosta ${l} alkaen (koko 95 %:n luottamusväli tavoitteen puolella).`, c8Missed: (t) => `${t} ei täyty millään kokeillulla arvolla.`,
  c8Answer: "tavoite täyttyy", c8None: "Lataa kapasiteettihaun tai parametriajon tulos nähdäksesi kapasiteettivastauksen.",
  c9Title: "9 · Kausityöntekijät (kohortti): Migrin käsittelyaika skenaarion tavoitteeseen nähden ja odotus tunnistamiseen",
  c9Migri: "kausityöntekijät: Migrin käsittelyaika, ka. (95 %:n lv)", c9Wait: (m) => `kausityöntekijät: odotus tunnistamiseen${m ? ` (${m})` : ""}, ka. (95 %:n lv)`,
  c9MigriAxis: "Migrin käsittelyaika, päivää", c9WaitAxis: "odotus tunnistamiseen, päivää",
  c9Target: (d) => `tavoite ${d} pv (arvio)`, c9TargetLine: "tavoite (arvio)",
  c9Side: (side, ci, t) => `${ci ? (side === "across" ? "luottamusväli sisältää" : `koko luottamusväli on ${side === "below" ? "alle" : "yli"}`) : `keskiarvo on ${side === "below" ? "alle" : side === "above" ? "yli" : "sama kuin"}`} skenaarion ${t} päivän tavoitteen`,
  c9Reading: (o, v, ci, side, only, tied) => `Kausityöntekijöiden Migrin käsittelyaika ${only ? `vaihtoehdolla ${o} on` : `on lyhin vaihtoehdolla ${o}${tied > 0 ? ` (yhtä lyhyt ${tied} muulla vaihtoehdolla)` : ""}:`} ${v} pv${ci ? ` (95 %:n lv ${ci})` : ""}; ${side}`,
  c9WaitOne: (m, v) => `; odotus tunnistamiseen${m ? ` (${m})` : ""} on keskimäärin ${v} pv.`,
  c9WaitRange: (m, lo, lo_o, hi, hi_o) => `; odotus tunnistamiseen${m ? ` (${m})` : ""} on keskimäärin ${lo} pv (${lo_o}) – ${hi} pv (${hi_o}).`,
  c9ByMonth: "kausityöntekijät: Migrin käsittelyaika hakemuskuukauden mukaan, ka. (95 %:n lv)", c9MonthAxis: "hakemuskuukausi",
  c9MonthRange: (o, lo, loM, hi, hiM) => ` Hakemuskuukauden mukaan (${o}): ${lo} pv (haettu ${loM}) – ${hi} pv (${hiM}).`,
  c9NoDecisions: "Yksikään raportoidun vuoden aikana hakenut kausityöntekijä ei saa päätöstä simuloidulla jaksolla.",
  c9Note: (t) => `Ei Migrin tulostaulua eikä arviota tavoitteen suhteen: tavoite (${t.map((d) => `${d} pv`).join(", ")}) ja kausityöpoolin koko ovat arvioita (docs/scenarios.md), ja luvut laskevat raportoidun vuoden hakemukset (kohortti), eivät vuoden aikana tehtyjä päätöksiä. Kausityöntekijät raportoidaan erillään neljästä ryhmästä.`,
  option: "vaihtoehto", value: "arvo", difference: "ero"
}

export const words = (lang: Lang): ChartWords => (lang === "fi" ? FI : EN)
