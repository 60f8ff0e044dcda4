// index.html in a real headless browser: Debian's Chromium driven by playwright-core. It renders from
// a file with no network, its filters work, it fits a phone's width, and screenshots are kept under
// tmp/checklist-browser/ (gitignored) as test artifacts.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../src/checklist/html";
import { buildReport, type ChecklistTeam } from "../src/checklist/report";
import { parseStartups } from "../src/checklist/startups";
import { daily, healthyProject, organization } from "./helpers/checklist-data";
import { ROOT } from "./helpers/team-files";

const CHROMIUM = "/usr/bin/chromium";
// The flags that work on these machines (see the environment notes): no sandbox as root, and no
// background networking, which the closed network would refuse.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = join(ROOT, "tmp", "checklist-browser");

const directory = parseStartups(
  JSON.stringify([
    { id: "a", title: "A", incubator: "dinum" },
    { id: "b", title: "B", incubator: "dinum" },
    { id: "c", title: "C", incubator: "mte" },
  ]),
  "startups.json",
);
const teams: ChecklistTeam[] = [
  { slug: "alpha", name: "Alpha", file: "teams/alpha.yaml", startup: "a", projects: ["alpha"] },
  {
    slug: "bravo",
    name: "Bravo <b>gras</b>",
    file: "teams/bravo.yaml",
    startup: "b",
    projects: ["bravo", "bravo-api"],
  },
  { slug: "charlie", name: "Charlie", file: "teams/charlie.yaml", startup: "c", projects: ["charlie"] },
  { slug: "delta", name: "Delta", file: "teams/delta.yaml", projects: [] },
];
const report = buildReport(
  teams,
  organization([
    healthyProject({ slug: "alpha" }),
    healthyProject({ slug: "bravo", alertRules: [] }),
    healthyProject({ slug: "bravo-api", errorsPerDay: daily(40, 12) }),
    healthyProject({ slug: "charlie", transactions: { accepted: 500, rateLimited: 0, sampledOut: 1000 } }),
  ]),
  directory,
);

let browser: Browser;
let page: Page;
const outsideRequests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Debian's Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does on a fresh machine)`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, "index.html");
  writeFileSync(file, renderHtml(report));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("request", (request) => {
    if (!/^(file|data):/.test(request.url())) outsideRequests.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await page.goto(pathToFileURL(file).href);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const visibleRows = () => page.locator("#checklist tbody tr:not([hidden]) th code").allTextContents();

describe("index.html in Chromium", () => {
  it("renders every startup with no request leaving the file and no error (CSP included)", async () => {
    expect(await page.title()).toBe("Checklist Sentry de la communauté — betagouv");
    expect(await visibleRows()).toEqual(["alpha", "bravo", "charlie", "delta"]);
    expect(await page.locator("#checklist tbody tr").first().locator("th").textContent()).toBe("Alpha alpha");
    expect(await page.locator("text=Bravo <b>gras</b>").count()).toBe(1);
    expect(outsideRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    // The filters appear only once the inline script ran, which the CSP allows by its hash.
    expect(await page.getByLabel("Incubateur").isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "desktop.png"), fullPage: true });
  });

  it("filters by incubator, by status, and both, and says how many are shown", async () => {
    const incubator = page.getByLabel("Incubateur");
    const status = page.getByLabel("Statut");
    await incubator.selectOption("dinum");
    expect(await visibleRows()).toEqual(["alpha", "bravo"]);
    expect(await page.locator("#shown").textContent()).toBe("2");
    await status.selectOption("fail");
    expect(await visibleRows()).toEqual(["bravo"]);
    await incubator.selectOption("");
    await status.selectOption("warn");
    expect(await visibleRows()).toEqual(["charlie"]);
    await status.selectOption("na");
    expect(await visibleRows()).toEqual(["delta"]);
    await status.selectOption("");
    expect(await visibleRows()).toEqual(["alpha", "bravo", "charlie", "delta"]);
    expect(await page.locator("#shown").textContent()).toBe("4");
  });

  it("opens a startup's details with a chart and how to fix", async () => {
    const bravo = page.locator("#checklist tbody tr", { hasText: "bravo-api" });
    await bravo.locator("summary").click();
    const chart = bravo.locator("svg[role=img]").last();
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.getAttribute("aria-label")).toMatch(/^bravo-api, 30 jours : 40 erreurs/);
    expect(await bravo.textContent()).toContain("Correction : Déclarez une alerte");
    await page.screenshot({ path: join(ARTIFACTS, "details.png"), fullPage: true });
  });

  it("fits a phone's width, rows as cards", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator("thead").boundingBox()).toMatchObject({ width: 1, height: 1 });
    await page.screenshot({ path: join(ARTIFACTS, "phone.png"), fullPage: true });
  });
});
