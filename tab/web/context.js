// What every page shares: the API client, who is signed in, whether Teams hosts the page, the theme, the status line.
import { el } from './dom.js';

export const app = { api: null, me: null, inTeams: false, theme: 'default', rerender: null };

export function say(text, isError = false) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

/** For handlers of controls: a failed refresh shows its message rather than failing silently. */
export const shown = (promise) => promise.catch((error) => say(error.message ?? 'Something went wrong.', true));

/** The chart theme for the API's SVG charts. */
export const chartTheme = () => (app.theme === 'default' ? 'light' : app.theme);

/** Opens a Teams deep link (the bot chat, a tab page) through Teams when hosted there, else as a normal link. */
export function teamsLink(text, url, attrs = {}) {
  return el('a', {
    href: url, target: '_blank', rel: 'noopener', ...attrs,
    onclick: (event) => {
      if (app.inTeams && window.microsoftTeams?.app?.openLink) {
        event.preventDefault();
        window.microsoftTeams.app.openLink(url);
      }
    },
  }, text);
}

/** A server-drawn chart (SVG through a blob: URL: an <img> cannot send the token) described by the table beside it. */
export async function chart(path, alt, describedBy) {
  const sep = path.includes('?') ? '&' : '?';
  const themed = `${path}${sep}theme=${chartTheme()}`;
  const src = await app.api.blobUrl(themed);
  return el('figure', { class: 'chart' },
    el('img', { src, alt, 'aria-describedby': describedBy, 'data-chart': path, 'data-src': themed }),
    el('figcaption', {}, alt, ' The same figures are in the table that follows.'));
}
