// Due and overdue: the next review each visible partnership owes, by month, with reminders and escalations sent;
// and the proposals waiting for a decision, who must decide and since when.
import { app } from './context.js';
import { date, dateTime, el, month, table } from './dom.js';

const stateText = { Overdue: 'Overdue', Due: 'Due', Upcoming: 'Upcoming' };
const kindText = { AnnualReturn: 'Annual return', ThreeYearReview: 'Three-yearly review' };

export async function renderDue(target) {
  const [due, approvals] = await Promise.all([app.api.json('/due'), app.api.json('/approvals')]);
  target.append(
    el('h2', {}, 'Due and overdue'),
    table('Reviews by month', [
      { label: 'Month', value: (m) => month(m.month) },
      { label: 'Annual returns', num: true, value: (m) => String(m.annualReturns) },
      { label: 'Three-yearly reviews', num: true, value: (m) => String(m.threeYearReviews) },
      { label: 'Overdue', num: true, value: (m) => String(m.overdue) },
    ], due.months, 'nothing due'),
    table('Reviews owed', [
      { label: 'Partnership', value: (r) => el('a', { href: `#partnership/${encodeURIComponent(r.id)}` }, r.name) },
      { label: 'Lead officer', value: (r) => r.leadOfficer },
      { label: 'Review', value: (r) => `${kindText[r.kind] ?? r.kind} ${r.cycleYear}` },
      { label: 'Due', value: (r) => date(r.dueDate) },
      { label: 'State', value: (r) => el('span', { class: `rag rag-${r.state === 'Overdue' ? 'Red' : r.state === 'Due' ? 'Amber' : 'Green'}` }, stateText[r.state] ?? r.state) },
      { label: 'Reminders sent', num: true, value: (r) => String(r.remindersSent) },
      { label: 'Escalations', num: true, value: (r) => String(r.escalationsSent) },
    ], due.rows, 'nothing owed'),
    el('h2', {}, 'Approvals waiting'),
    table('Proposals waiting for a decision', [
      { label: 'Proposal', value: (w) => `${w.reference}: ${w.title}` },
      { label: 'Submitted by', value: (w) => w.submittedBy },
      { label: 'Waiting for', value: (w) => w.waitingFor },
      { label: 'Who decides', value: (w) => w.deciders.join(', ') },
      { label: 'Since', value: (w) => dateTime(w.since) },
      { label: 'Where it stands', value: (w) => w.statusText },
    ], approvals.waiting, 'none you can see'),
    app.me.botChatUrl ? el('p', {}, 'Decisions are made on the approval cards in the bot chat.') : null);
}
