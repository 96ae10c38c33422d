// Word papers on the tab: a button per paper that asks the API for a one-use link (minted for the signed-in person
// after the paper's own read check, as "Download as Word" on a card does) and downloads it at once.
import { app, say, shown } from './context.js';
import { el, table } from './dom.js';

async function download(paper, button) {
  button.disabled = true;
  try {
    const link = await app.api.post(`/documents/${encodeURIComponent(paper.kind)}?subject=${encodeURIComponent(paper.subjectId)}`);
    // The link is the credential (one use, minutes long): the browser fetches it itself and keeps the server's file name.
    const anchor = el('a', { href: link.url, download: '', hidden: true });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    say(`${paper.title}: downloading the Word document.`);
  } finally {
    button.disabled = false;
    button.focus();
  }
}

/** A "Download as Word" button for one paper; its accessible name says which paper. */
export function paperButton(paper) {
  const button = el('button', {
    type: 'button', class: 'paper', 'data-kind': paper.kind, 'data-subject': paper.subjectId, 'aria-label': `Download as Word: ${paper.title}`,
    onclick: () => shown(download(paper, button)),
  }, 'Download as Word');
  return button;
}

/** The papers as a table: title and its download button. */
export function papersTable(caption, papers, empty, options = {}) {
  return table(caption, [
    { label: 'Paper', value: (p) => p.title },
    { label: 'Word document', value: (p) => paperButton(p) },
  ], papers, empty, options);
}
