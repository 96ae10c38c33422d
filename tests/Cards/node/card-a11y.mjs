// Renders every card given on stdin with the official adaptivecards renderer in headless Chromium, once per host
// config (Teams-like light, dark, high contrast), all in one page, and runs axe-core on the result. Reports on stdout
// { rendered, failed: [{theme, card, error}], violations: [{theme, card, id, impact, help, html}] } for
// tests/Cards/CardAccessibilityTests to judge. Input: { chromium, args, browserPackages, themes: {name: hostConfig}, cards: [{label, card}] }.
// playwright-core and axe-core come from the tab's browser-test folder (browserPackages), pinned by its lock file.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const input = JSON.parse(readFileSync(0, 'utf8'));
const browserRequire = createRequire(path.join(input.browserPackages, 'package.json'));
const { chromium } = browserRequire('playwright-core');
const axeSource = readFileSync(browserRequire.resolve('axe-core/axe.min.js'), 'utf8');
const cardsSource = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');

const browser = await chromium.launch({ executablePath: input.chromium, args: input.args, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
  await page.setContent('<!DOCTYPE html><html lang="en-GB"><head><title>Cards</title><meta charset="utf-8"></head><body><main id="cards"></main></body></html>');
  // The card format leaves the look of its controls to the host: Teams draws radio buttons and check boxes at a touch
  // size; the renderer's unstyled 13 px native ones would fail WCAG 2.2's target size whatever a card says.
  await page.addStyleTag({ content: 'input[type=radio], input[type=checkbox] { width: 24px; height: 24px; }' });
  await page.addScriptTag({ content: cardsSource });
  const rendered = await page.evaluate(({ themes, cards }) => {
    const main = document.getElementById('cards');
    const failed = [];
    let count = 0;
    for (const [theme, hostConfig] of Object.entries(themes)) {
      const section = document.createElement('section');
      section.setAttribute('aria-label', theme);
      section.style.background = hostConfig.containerStyles.default.backgroundColor;
      main.appendChild(section);
      for (const { label, card } of cards) {
        const wrapper = document.createElement('div');
        wrapper.dataset.card = label;
        wrapper.dataset.theme = theme;
        wrapper.style.width = '560px';
        wrapper.style.margin = '8px';
        section.appendChild(wrapper);
        try {
          const adaptiveCard = new AdaptiveCards.AdaptiveCard();
          adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
          adaptiveCard.parse(card);
          const element = adaptiveCard.render();
          if (!element) throw new Error('render returned nothing');
          wrapper.appendChild(element);
          count++;
        } catch (e) {
          failed.push({ theme, card: label, error: String(e && e.message || e) });
        }
      }
    }
    return { count, failed };
  }, { themes: input.themes, cards: input.cards });

  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    const found = [];
    for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      for (const node of v.nodes) {
        const element = document.querySelector(node.target[0]);
        const wrapper = element && element.closest('[data-card]');
        found.push({
          theme: wrapper ? wrapper.dataset.theme : '(page)', card: wrapper ? wrapper.dataset.card : '(page)',
          id: v.id, impact: v.impact, help: v.help, html: node.html.slice(0, 200), summary: (node.failureSummary || '').slice(0, 300),
        });
      }
    }
    return found;
  });
  process.stdout.write(JSON.stringify({ rendered: rendered.count, failed: rendered.failed, violations }));
} finally {
  await browser.close();
}
