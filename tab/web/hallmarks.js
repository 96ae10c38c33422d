// Hallmarks: the council-wide picture (weakest first), each partnership's latest scores, one partnership's trend,
// and the open improvement actions with owners and target dates.
import { app, chart, shown } from './context.js';
import { clear, el, percent, score, table } from './dom.js';
import { actionsTable, hallmarkTable } from './partnership.js';

export async function renderHallmarks(target) {
  const council = await app.api.json('/hallmarks');
  const summary = table('Council-wide hallmark scores, weakest first', [
    { label: 'Hallmark', value: (h) => h.title },
    { label: 'Average score', num: true, value: (h) => percent(h.averagePercent) },
    { label: 'Partnerships assessed', num: true, value: (h) => String(h.assessed) },
    { label: `Weak (below ${council.developingFrom}%)`, num: true, value: (h) => String(h.weak) },
  ], council.hallmarks);
  summary.id = 'council-hallmarks';
  target.append(el('h2', {}, 'Hallmarks'));
  if (council.partnerships.length > 0) {
    target.append(await chart('/charts/hallmarks.svg', 'Average score of each hallmark across the partnerships you can see (latest self-assessments).', 'council-hallmarks'));
  }

  const groups = council.hallmarks.map((h) => h.groupId);
  const titles = Object.fromEntries(council.hallmarks.map((h) => [h.groupId, h.title]));
  const trend = el('div', { id: 'hallmark-trend', 'aria-live': 'polite' });
  const latest = table('Latest self-assessment of each partnership', [
    { label: 'Partnership', value: (p) => el('button', { type: 'button', class: 'link', onclick: () => shown(showTrend(trend, p)) }, p.name) },
    ...groups.map((g) => ({ label: titles[g], num: true, value: (p) => score(p.assessments.at(-1).hallmarks.find((h) => h.groupId === g)) })),
    { label: 'Overall', num: true, value: (p) => percent(p.assessments.at(-1).overall) },
  ], council.partnerships, 'no self-assessment submitted yet');
  target.append(
    summary,
    el('p', {}, `Scores from ${council.strongFrom}% are strong; from ${council.developingFrom}% developing; below that weak.`),
    latest,
    trend,
    el('h3', {}, 'Open improvement actions'),
    council.actionsTotal > council.actions.length
      ? el('p', {}, `The ${council.actions.length} with the earliest target dates of ${council.actionsTotal}; each partnership's page lists all of its own.`)
      : null,
    actionsTable('Open improvement actions', council.actions, true, { hiddenCaption: true }));
}

async function showTrend(target, partnership) {
  const history = await app.api.json(`/hallmarks/${encodeURIComponent(partnership.id)}`);
  clear(target).append(
    el('h3', {}, `${history.name} over the years`),
    await chart(`/charts/hallmarks/${encodeURIComponent(history.id)}.svg`, `Hallmark scores of ${history.name} in each self-assessment.`, 'trend-table'),
    hallmarkTable(`Hallmark scores of ${history.name} by assessment`, history.assessments, 'trend-table'));
  target.querySelector('h3').setAttribute('tabindex', '-1');
  target.querySelector('h3').focus();
}
