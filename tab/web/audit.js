// The Audit Committee: the year's coverage (the audit report's own figures) and its .xlsx/.csv download.
import { app, shown } from './context.js';
import { el, table } from './dom.js';
import { paperButton } from './papers.js';

let year = null;

async function download(format, button) {
  const url = await app.api.blobUrl(`/audit/${year}.${format}`);
  const link = el('a', { href: url, download: `partnership-audit-${year}.${format}`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  button.focus();
}

export async function renderAudit(target) {
  const report = await app.api.json(`/audit${year ? `?year=${year}` : ''}`);
  year = report.year;
  const years = [];
  for (let y = report.currentYear + 1; y >= report.currentYear - 5; y--) years.push(y);
  const choose = el('select', {
    name: 'year',
    onchange: (e) => { year = Number(e.target.value); shown(app.rerender()); },
  }, years.map((y) => el('option', { value: String(y), selected: y === report.year }, `${y}/${String((y + 1) % 100).padStart(2, '0')} cycle`)));
  const xlsx = el('button', { type: 'button', onclick: () => shown(download('xlsx', xlsx)) }, 'Download .xlsx');
  const csv = el('button', { type: 'button', onclick: () => shown(download('csv', csv)) }, 'Download .csv');
  target.append(
    el('h2', {}, `Audit Committee: ${report.year} cycle`),
    el('div', { class: 'filters' }, el('label', {}, 'Cycle year', choose), el('div', { class: 'actions' }, xlsx, csv)),
    report.papers.length > 0
      ? el('div', { class: 'actions' }, report.papers.map((p) => [el('span', {}, `${p.title}:`), paperButton(p)]))
      : null,
    table('Coverage', [
      { label: 'Figure', value: (t) => t.label },
      { label: 'Value', num: true, value: (t) => String(t.value) },
    ], report.totals),
    table('Partnerships in the report', [
      { label: 'Partnership', value: (r) => r.name },
      { label: 'Lead officer', value: (r) => r.leadOfficer },
      { label: 'Role', value: (r) => r.leadRole },
      { label: 'Status', value: (r) => r.status },
      { label: 'Stage', value: (r) => r.stage },
      { label: 'Review owed', value: (r) => r.reviewOwed },
      { label: 'Return received', value: (r) => r.returnReceived },
      { label: 'Effectiveness review', value: (r) => (r.effectivenessReviewDone ? 'Done' : 'Not done') },
      { label: 'Recommendation', value: (r) => r.recommendation },
      { label: 'Three-yearly review due', value: (r) => r.threeYearReviewDue },
      { label: 'Overdue', value: (r) => (r.overdueFlags ?? []).join(', ') },
      { label: 'Hallmark scores', value: (r) => r.hallmarkScores },
    ], report.rows));
}
