// The register: every partnership the caller may see, filtered, searched and sorted by the API.
import { app, shown } from './context.js';
import { date, el, rag, table, words, clear } from './dom.js';

const state = { status: '', stage: '', role: '', lead: '', overdue: false, q: '', sort: 'Name', dir: 'asc' };

const columns = [
  { sort: 'Name', label: 'Partnership', value: (r) => el('a', { href: `#partnership/${encodeURIComponent(r.id)}` }, r.name) },
  { sort: 'Status', label: 'Status', value: (r) => words(r.status) },
  { sort: 'Stage', label: 'Life-cycle stage', value: (r) => words(r.stage) },
  { sort: 'LeadOfficer', label: 'Lead officer', value: (r) => r.leadOfficer },
  { sort: 'Role', label: 'Role', value: (r) => r.leadRole },
  { sort: 'StartDate', label: 'Start date', value: (r) => date(r.startDate) },
  { sort: 'LastReview', label: 'Last annual review', value: (r) => date(r.lastReview) },
  { sort: 'NextReview', label: 'Next review', value: (r) => r.nextReview },
  { label: 'Three-yearly review', value: (r) => (r.threeYearlyYear ? String(r.threeYearlyYear) : '') },
  { label: 'RAG', value: (r) => rag(r.rag) },
];

function query() {
  const q = new URLSearchParams();
  for (const key of ['status', 'stage', 'role', 'lead', 'q']) if (state[key]) q.set(key, state[key]);
  if (state.overdue) q.set('overdue', 'true');
  q.set('sort', state.sort);
  q.set('dir', state.dir);
  return q.toString();
}

function select(label, key, options) {
  const control = el('select', {
    name: key,
    onchange: (e) => { state[key] = e.target.value; shown(refresh()); },
  }, el('option', { value: '' }, 'All'), options.map(([value, text]) => el('option', { value, selected: state[key] === value }, text)));
  return el('label', {}, label, control);
}

let results = null;
let searchTimer = 0;

function header(column) {
  if (!column.sort) return el('th', { scope: 'col' }, column.label);
  const active = state.sort === column.sort;
  return el('th', { scope: 'col', 'aria-sort': active ? (state.dir === 'asc' ? 'ascending' : 'descending') : null },
    el('button', {
      type: 'button', class: 'sort',
      onclick: () => {
        state.dir = active && state.dir === 'asc' ? 'desc' : 'asc';
        state.sort = column.sort;
        shown(refresh());
      },
    }, column.label, active ? (state.dir === 'asc' ? ' ▲' : ' ▼') : ''));
}

async function refresh(prefetched) {
  const page = prefetched ?? await app.api.json(`/register?${query()}`);
  clear(results).append(
    el('p', { id: 'register-count', role: 'status' }, `Showing ${page.rows.length} of ${page.visible} partnerships.`),
    table('Partnerships', columns.map((c) => ({ ...c, header: header(c) })), page.rows, 'no partnership matches these filters'));
  return page;
}

export async function renderRegister(target) {
  const page = await app.api.json(`/register?${query()}`);
  results = el('div', { id: 'register-results' });
  const search = el('input', {
    type: 'search', name: 'q', value: state.q, maxlength: 100,
    oninput: (e) => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { state.q = e.target.value; shown(refresh()); }, 250);
    },
  });
  target.append(
    el('h2', {}, 'Register'),
    el('div', { class: 'filters', role: 'group', 'aria-label': 'Filter the register' },
      el('label', {}, 'Search', search),
      select('Status', 'status', page.statuses.map((s) => [s.value, s.label])),
      select('Life-cycle stage', 'stage', page.stages.map((s) => [s, words(s)])),
      select('Role', 'role', page.roles.map((r) => [r.code, `${r.code}: ${r.title}`])),
      select('Lead officer', 'lead', page.leadOfficers.map((l) => [l, l])),
      el('label', { class: 'check' }, el('input', {
        type: 'checkbox', name: 'overdue', checked: state.overdue,
        onchange: (e) => { state.overdue = e.target.checked; shown(refresh()); },
      }), 'Overdue only')),
    results);
  await refresh(page);
}
