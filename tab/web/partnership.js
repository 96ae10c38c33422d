// A partnership's page: its details, timeline, reviews, hallmark scores over the years, documents and audit trail.
import { app, chart, teamsLink } from './context.js';
import { date, dateTime, el, facts, percent, rag, score, table, words } from './dom.js';
import { papersTable } from './papers.js';

// Events recorded by date only (a start, a review completed, an assessment): shown without a time of day.
const dated = new Set(['partnership', 'review', 'assessment']);

const kinds = { partnership: 'Partnership', proposal: 'Proposal', approval: 'Approval', comment: 'Comment', review: 'Review', assessment: 'Assessment', change: 'Change', committee: 'Committee', smt: 'SMT decision' };

export function hallmarkTable(caption, assessments, id) {
  const groups = assessments[0]?.hallmarks ?? [];
  const t = table(caption, [
    { label: 'Assessed on', value: (a) => date(a.assessedOn) },
    ...groups.map((g, i) => ({ label: g.title, num: true, value: (a) => score(a.hallmarks[i]) })),
    { label: 'Overall', num: true, value: (a) => percent(a.overall) },
    { label: 'Assessed by', value: (a) => a.assessedBy },
  ], assessments, 'no self-assessment submitted yet');
  t.id = id;
  return t;
}

export function actionsTable(caption, actions, withPartnership, options = {}) {
  return table(caption, [
    ...(withPartnership ? [{ label: 'Partnership', value: (a) => el('a', { href: `#partnership/${encodeURIComponent(a.partnershipId)}` }, a.partnershipName) }] : []),
    { label: 'Hallmark', value: (a) => a.hallmark },
    { label: 'Question', value: (a) => a.question },
    { label: 'Answer', value: (a) => a.answer },
    { label: 'Action', value: (a) => a.action },
    { label: 'Owner', value: (a) => a.owner },
    { label: 'Target date', value: (a) => a.due },
  ], actions, 'no open improvement actions', options);
}

export async function renderPartnership(target, id) {
  const p = await app.api.json(`/partnerships/${encodeURIComponent(id)}`);
  const history = await app.api.json(`/hallmarks/${encodeURIComponent(id)}`);
  const row = p.row;
  target.append(
    el('p', {}, el('a', { href: '#register' }, '← Back to the register')),
    el('h2', {}, row.name),
    el('p', {}, rag(row.rag), ' ', row.nextReview),
    facts([
      ['Status', words(row.status)],
      ['Life-cycle stage', p.stageText ?? words(row.stage)],
      ['Lead officer', row.leadOfficer],
      ['Role', `${row.leadRole}: ${p.leadRoleTitle}`],
      ['Partners', (p.partners ?? []).join(', ')],
      ['Purpose', p.purpose],
      ['Accountable body / reporting line', p.accountableBody || 'Not recorded'],
      ['Elected members involved', (p.electedMembers ?? []).join(', ') || 'Not recorded'],
      ['Start date', date(row.startDate)],
      ['Registered on', date(p.registeredOn)],
      ['Last annual return', date(p.lastAnnualReturn)],
      ['Last effectiveness review', date(p.lastEffectivenessReview)],
      ['Last three-yearly review', date(p.lastThreeYearReview)],
      ['Three-yearly review year', row.threeYearlyYear ? String(row.threeYearlyYear) : ''],
    ]),
    p.openInChat
      ? el('p', {}, 'Reviews, stage changes and edits are journeys in the chat: ', teamsLink('open the bot chat', p.openInChat), '.')
      : null,
    el('h3', {}, 'Timeline'),
    table('Timeline', [
      { label: 'When', value: (t) => (dated.has(t.kind) ? date(t.at) : dateTime(t.at)) },
      { label: 'What', value: (t) => kinds[t.kind] ?? t.kind },
      { label: 'Details', value: (t) => t.text },
    ], p.timeline, 'nothing recorded yet', { hiddenCaption: true }),
    el('h3', {}, 'Reviews'),
    table('Reviews', [
      { label: 'Cycle', value: (r) => String(r.cycleYear) },
      { label: 'Kind', value: (r) => r.kind },
      { label: 'Completed', value: (r) => date(r.completedOn) },
      { label: 'By', value: (r) => r.completedByName },
      { label: 'Recommendation', value: (r) => r.recommendation },
      { label: 'Reasons', value: (r) => r.reasons ?? '' },
    ], p.reviews, 'no review completed yet', { hiddenCaption: true }),
    el('h3', {}, 'Committee comments and recommendations'),
    table('Committee comments and recommendations', [
      { label: 'Meeting', value: (c) => `${c.committee}, ${date(c.meetingDate)}` },
      { label: 'Comments', value: (c) => c.comments },
      { label: 'Recommendation', value: (c) => c.recommendation ?? '' },
      { label: 'Owner', value: (c) => c.owner ?? '' },
      { label: 'Due', value: (c) => (c.dueDate ? date(c.dueDate) : '') },
      { label: 'Status', value: (c) => c.status },
    ], p.committeeComments ?? [], 'nothing recorded by the committees', { hiddenCaption: true }),
    el('h3', {}, 'Hallmarks over the years'));
  if (history.assessments.length > 0) {
    target.append(await chart(`/charts/hallmarks/${encodeURIComponent(id)}.svg`, `Hallmark scores of ${row.name} in each self-assessment.`, 'partnership-hallmarks'));
  }
  target.append(
    hallmarkTable('Hallmark scores by assessment', history.assessments, 'partnership-hallmarks'),
    actionsTable('Open improvement actions', history.actions, false),
    el('h3', {}, 'Papers'),
    papersTable('Papers', p.documents, 'no paper yet: the proposal and each review report appear here once submitted', { hiddenCaption: true }),
    el('h3', {}, 'Committee comments'),
    table('Committee comments', [
      { label: 'When', value: (c) => dateTime(c.at) },
      { label: 'Committee', value: (c) => c.committee },
      { label: 'Comment', value: (c) => c.text },
    ], p.committeeComments ?? [], 'none recorded', { hiddenCaption: true }),
    el('h3', {}, 'Audit trail'),
    table('Audit trail', [
      { label: 'When', value: (c) => dateTime(c.at) },
      { label: 'Who', value: (c) => c.byName },
      { label: 'What', value: (c) => c.what },
    ], p.auditTrail, 'no changes recorded', { hiddenCaption: true }));
}
