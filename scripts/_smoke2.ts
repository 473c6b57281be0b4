import { chromium } from "playwright-core"
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args })
const page = await (await browser.newContext({ viewport: { width: 1120, height: 900 } })).newPage()
const logs: string[] = []
page.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`)); page.on("pageerror", (e) => logs.push("pageerror " + e.message))
page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) logs.push("request " + r.url()) })
await page.goto(process.argv[2]!)
await page.waitForSelector("body[data-status=done]", { timeout: 15000 }).catch((e) => logs.push(String(e)))
console.log(await page.evaluate(() => document.body.dataset.charts))
await page.screenshot({ path: "/tmp/report.png", fullPage: true }); await page.locator("#scoreboard").screenshot({ path: "/tmp/r-score.png" }); const n = await page.locator("figure.chart").count(); for (let i = 0; i < n; i++) await page.locator("figure.chart").nth(i).screenshot({ path: `/tmp/r-fig${i}.png` })
await page.pdf({ path: "/tmp/report.pdf", format: "A4", landscape: true }).catch((e) => logs.push(String(e)))
console.log(logs.join("\n"))
await browser.close()
