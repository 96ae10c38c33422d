// Building the page: every officer's text goes in as a text node, never as HTML.

/** An element with attributes (on* = event listeners, true = present, null/false = absent) and children (text or nodes). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') e.className = value;
    else if (name.startsWith('on') && typeof value === 'function') e.addEventListener(name.slice(2), value);
    else e.setAttribute(name, value === true ? '' : String(value));
  }
  append(e, children);
  return e;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2027-03-01" as "1 Mar 2027"; empty for none. */
export const date = (iso) => (iso ? dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '');

/** An instant as "1 Mar 2027, 09:30" (UK time). */
export const dateTime = (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '');

/** "2027-03" as "March 2027". */
export const month = (ym) => monthFormat.format(new Date(`${ym}-01T00:00:00Z`));

/** "NotRecorded" as "Not recorded". */
export const words = (name) => String(name ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ ([A-Z])(?=[a-z])/g, (m) => m.toLowerCase());

export const percent = (value) => (value === null || value === undefined ? 'Not assessed' : `${value}%`);

/** A hallmark's score as the API labels it ("75%", "Skipped", "Not assessed"); a missing hallmark is not assessed. */
export const score = (hallmark) => hallmark?.label ?? percent(hallmark?.percent);

/** "none recorded" as "None recorded." */
const sentence = (text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/**
 * A table with a caption, in a scrollable region that the keyboard can reach (wide tables on a phone).
 * columns: [{ label, value: row => text|node, num?: true, header?: node }]
 * options.hiddenCaption: a heading just above already says what the table is, so the caption is for screen readers
 * only (shown twice otherwise) and an empty table is one sentence.
 */
export function table(caption, columns, rows, empty = 'None.', options = {}) {
  if (rows.length === 0) {
    return el('p', { class: 'empty' }, options.hiddenCaption ? sentence(empty) : `${caption}: ${empty}`);
  }

  const head = el('tr', {}, columns.map((c) => c.header ?? el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)));
  const body = rows.map((row) => el('tr', {}, columns.map((c, i) => {
    const value = c.value(row);
    return i === 0
      ? el('th', { scope: 'row' }, value)
      : el('td', { class: c.num ? 'num' : null }, value);
  })));
  return el('div', { class: 'scroll', role: 'region', 'aria-label': caption, tabindex: '0' },
    el('table', { class: columns.length > 6 ? 'wide' : null }, el('caption', { class: options.hiddenCaption ? 'visually-hidden' : null }, caption), el('thead', {}, head), el('tbody', {}, body)));
}

/** A heading and a definition list of label/value pairs (values as text). */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

const ragText = { Red: 'Overdue', Amber: 'Due', Green: 'On track', None: 'Not active' };

/** The traffic light as words (never colour alone). */
export function rag(value) {
  return el('span', { class: `rag rag-${value}` }, ragText[value] ?? value);
}
