// Drives the register tab in headless Chromium against the running app and reports what it saw, as JSON on stdout,
// for tests/Tab/TabBrowserTests to judge. Teams is stubbed only at the SDK boundary (the page's
// lib/MicrosoftTeams.min.js is answered with a stub giving a context, a theme and a real signed SSO token); the page's
// own code and the real API run. Input (stdin): { baseUrl, chromium, args, outDir, scenarios: [...] }.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const input = JSON.parse(readFileSync(0, 'utf8'));
mkdirSync(input.outDir, { recursive: true });

function stub({ token, theme = 'default', subPageId = '' }) {
  return `window.microsoftTeams = {
    app: {
      initialize: () => Promise.resolve(),
      getContext: () => Promise.resolve({ app: { theme: ${JSON.stringify(theme)}, locale: 'en-GB' }, page: { id: 'register', subPageId: ${JSON.stringify(subPageId)} } }),
      registerOnThemeChangeHandler: (handler) => { window.__setTheme = handler; },
      openLink: (url) => { (window.__opened ??= []).push(url); return Promise.resolve(); },
    },
    authentication: { getAuthToken: () => Promise.resolve(${JSON.stringify(token)}) },
  };`;
}

async function settled(page) {
  await page.waitForFunction(() => {
    const status = document.getElementById('status');
    return status.textContent !== 'Loading…' && status.textContent !== 'Signing you in…'
      && [...document.querySelectorAll('img[data-chart]')].every((i) => i.complete);
  }, null, { timeout: 30000 });
}

/** Every table: caption, header cells, body rows as cell texts. */
const tables = (page) => page.$$eval('main table', (all) => all.map((t) => ({
  caption: t.caption?.textContent ?? '',
  headers: [...t.tHead.rows[0].cells].map((c) => c.textContent.replace(/ [▲▼]$/, '')),
  rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
})));

/**
 * Each chart's value labels ("62%"), read from the SVG the page shows: fetched again from the API here, with the same
 * token, because the page's CSP (connect-src 'self') rightly refuses a script fetching its blob: URL.
 */
async function charts(page) {
  const images = await page.$$eval('img[data-chart]', (all) => all.map((img) => ({
    chart: img.dataset.chart, src: img.dataset.src, alt: img.alt, describedBy: img.getAttribute('aria-describedby'),
  })));
  const token = page.__token;
  return Promise.all(images.map(async (image) => {
    const response = await page.context().request.get(`${input.baseUrl}/api/tab${image.src}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const svg = await response.text();
    const labels = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim()).filter((t) => /^\d+%$/.test(t));
    return { chart: image.chart, alt: image.alt, describedBy: image.describedBy, status: response.status(), labels };
  }));
}

/** Tabs through the page; reports the controls Tab never reached. */
async function keyboard(page) {
  const total = await page.$$eval('a[href], button, select, input, [tabindex="0"]', (all) => all
    .filter((e) => !e.disabled && e.getClientRects().length > 0 && !e.closest('[hidden]'))
    .map((e, i) => { e.dataset.kb = String(i); return i; }).length);
  await page.evaluate(() => document.activeElement?.blur());
  const reached = new Set();
  for (let i = 0; i < total * 2 + 10; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.dataset?.kb ?? null);
    if (id !== null) reached.add(id);
  }
  const unreached = await page.$$eval('[data-kb]', (all, seen) => all
    .filter((e) => !seen.includes(e.dataset.kb))
    .map((e) => `${e.tagName.toLowerCase()} ${e.textContent.trim().slice(0, 40) || e.getAttribute('aria-label') || e.name || ''}`), [...reached]);
  return { total, unreached };
}

async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** A page's full check: content, charts, keyboard, axe and a screenshot, then the same in the dark theme. */
async function check(page, name, themes) {
  const result = {};
  for (const theme of themes) {
    if (theme !== themes[0]) {
      await page.evaluate((t) => window.__setTheme(t), theme);
      await settled(page);
    }
    const shot = path.join(input.outDir, `${name}-${theme}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    result[theme] = { screenshot: shot, axe: await axe(page), charts: await charts(page), theme: await page.evaluate(() => document.documentElement.dataset.theme) };
  }
  result.tables = await tables(page);
  result.mainText = await page.textContent('#main');
  // Headings, captions and empty-table lines a sighted reader sees (visually hidden captions excluded).
  result.visibleTitles = await page.$$eval('main h2, main h3, main caption, main p.empty', (all) => all
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1; })
    .map((e) => e.textContent.trim()));
  // Officers' markup must arrive as text: no element of it may exist in the page.
  result.injected = await page.$$eval('main script, main img:not([data-chart]), main b, main i', (all) => all.length);
  result.keyboard = await keyboard(page);
  return result;
}

const rowNames = async (page) => (await tables(page)).find((t) => t.caption === 'Partnerships')?.rows.map((r) => r[0]) ?? [];

async function waitCount(page, before) {
  await page.waitForFunction((b) => document.getElementById('register-count')?.textContent !== b, before, { timeout: 15000 });
}

const steps = {
  async register(page, s) {
    const seen = await check(page, s.name, s.themes);
    const count = () => page.textContent('#register-count');
    const filters = {};
    let before = await count();
    await page.selectOption('select[name=role]', 'HCS');
    await waitCount(page, before);
    filters.role = await rowNames(page);
    before = await count();
    await page.click('th button.sort >> text=Partnership');
    await page.waitForFunction(() => document.querySelector('th[aria-sort]')?.getAttribute('aria-sort') === 'descending');
    filters.roleDescending = await rowNames(page);
    before = await count();
    await page.selectOption('select[name=role]', '');
    await waitCount(page, before);
    before = await count();
    await page.fill('input[name=q]', 'waste');
    await waitCount(page, before);
    filters.search = await rowNames(page);
    before = await count();
    await page.fill('input[name=q]', '');
    await waitCount(page, before);
    before = await count();
    await page.check('input[name=overdue]');
    await waitCount(page, before);
    filters.overdueCount = await count();
    return { ...seen, filters };
  },
  async open(page, s) {
    return check(page, s.name, s.themes);
  },
  async hallmarks(page, s) {
    const seen = await check(page, s.name, s.themes);
    await page.click(`#main button.link >> text=${s.trendOf}`);
    await page.waitForSelector('#hallmark-trend img[data-chart]');
    await settled(page);
    return { ...seen, trend: { charts: (await charts(page)).filter((c) => c.chart.includes('/hallmarks/')), tables: (await tables(page)).filter((t) => t.caption.includes('by assessment')) } };
  },
  async audit(page, s) {
    const seen = await check(page, s.name, s.themes);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button >> text=Download .csv')]);
    const file = path.join(input.outDir, download.suggestedFilename());
    await download.saveAs(file);
    return { ...seen, download: { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') } };
  },
  /** The page's checks, then its first Word paper downloaded through the button (a one-use link from the API). */
  async papers(page, s) {
    const seen = await check(page, s.name, s.themes);
    const buttons = await page.$$eval('main button.paper', (all) => all.map((b) => b.getAttribute('aria-label')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('main button.paper >> nth=0')]);
    const file = path.join(input.outDir, `${s.name}-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const bytes = readFileSync(file);
    const nav = await page.$$eval('#nav a', (all) => all.filter((a) => a.getClientRects().length > 0).map((a) => a.textContent));
    return { ...seen, papers: buttons, nav, paper: { name: download.suggestedFilename(), size: bytes.length, zip: bytes.subarray(0, 2).toString('latin1') } };
  },
  async message(page) {
    return { status: await page.textContent('#status'), mainChildren: await page.$eval('#main', (m) => m.childElementCount), navHidden: await page.$eval('#nav', (n) => n.hidden) };
  },
  async layout(page, s) {
    const shot = path.join(input.outDir, `${s.name}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    return { screenshot: shot, bodyScrollWidth: await page.evaluate(() => document.body.scrollWidth), innerWidth: await page.evaluate(() => innerWidth), axe: await axe(page) };
  },
};

async function run(browser, s) {
  const context = await browser.newContext({ viewport: { width: s.width ?? 1280, height: 900 }, acceptDownloads: true });
  if (s.teams) {
    await context.route('**/tab/lib/MicrosoftTeams.min.js', (route) => route.fulfill({ contentType: 'text/javascript', body: stub(s.teams) }));
  }
  const page = await context.newPage();
  page.__token = s.teams?.token ?? null;
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => {
    (window.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
  }));
  try {
    const response = await page.goto(`${input.baseUrl}/tab/${s.hash ?? ''}`);
    const headers = response.headers();
    await settled(page);
    const seen = await steps[s.step](page, s);
    return {
      ...seen,
      csp: headers['content-security-policy'] ?? null,
      cspViolations: await page.evaluate(() => window.__csp ?? []),
      opened: await page.evaluate(() => window.__opened ?? []),
      chatHref: await page.getAttribute('#chat', 'href'),
      status: seen.status ?? await page.textContent('#status'),
      problems,
    };
  } catch (error) {
    return { failed: String(error?.stack ?? error), problems, status: await page.textContent('#status').catch(() => null) };
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({ executablePath: input.chromium, args: input.args, headless: true });
const results = {};
try {
  for (const scenario of input.scenarios) {
    results[scenario.name] = await run(browser, scenario);
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
