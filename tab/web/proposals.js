// Proposals: the new-partnership proposals that are the signed-in person's business (their own, whatever became of
// them, and those waiting that they may read, e.g. for their decision), each with its Word paper. Someone with no role
// in the register sees this page only.
import { app } from './context.js';
import { dateTime, el, table } from './dom.js';
import { paperButton } from './papers.js';

export async function renderProposals(target) {
  const { proposals } = await app.api.json('/proposals');
  target.append(
    el('h2', {}, 'Proposals'),
    el('p', {}, 'Your own new-partnership proposals, and those waiting that you may read (for example for your decision).'),
    table('Proposals', [
      { label: 'Proposal', value: (p) => `${p.reference}: ${p.title}` },
      { label: 'Submitted by', value: (p) => (p.mine ? `${p.submittedBy} (you)` : p.submittedBy) },
      { label: 'Submitted', value: (p) => dateTime(p.submittedAt) },
      { label: 'Version', num: true, value: (p) => String(p.proposalVersion) },
      { label: 'Where it stands', value: (p) => p.statusText },
      { label: 'Word document', value: (p) => paperButton(p.paper) },
    ], proposals, 'none', { hiddenCaption: true }),
    app.me.botChatUrl ? el('p', {}, 'Decisions, changes and withdrawals are made on the cards in the bot chat.') : null);
}
