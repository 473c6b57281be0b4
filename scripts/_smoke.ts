import { chromium } from "playwright-core"
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args })
const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage()
const logs: string[] = []
page.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`)); page.on("pageerror", (e) => logs.push("pageerror " + e.message))
await page.goto(process.argv[2] ?? "http://127.0.0.1:4173/")
await page.waitForSelector("body[data-ready]", { timeout: 15000 }).catch(() => {})
const t0 = Date.now()
await page.click("#run").catch((e) => logs.push(String(e)))
await page.waitForSelector("body[data-status=done], body[data-status=error]", { timeout: 60000 }).catch((e) => logs.push(String(e)))
console.log("status", await page.evaluate(() => [document.body.dataset.status, document.body.dataset.firstChartsMs, document.body.dataset.doneMs, document.body.dataset.charts, document.body.dataset.repMs, document.body.dataset.drawMs, document.getElementById("status")?.textContent]), Date.now() - t0)
await page.screenshot({ path: "/tmp/page.png", fullPage: true })
console.log(logs.join("\n"))
await browser.close()
