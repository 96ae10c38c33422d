// The register tab: signs in through Teams SSO, then shows the page the hash names (#register, #due, #hallmarks,
// #audit, #partnership/<id>). Outside Teams it says the register must be opened in Teams, unless the app runs in
// development mode (no app id), where the API answers for a local development identity.
import { Api } from './api.js';
import { clear, el } from './dom.js';
import { app, say, teamsLink } from './context.js';
import { renderRegister } from './register.js';
import { renderPartnership } from './partnership.js';
import { renderDue } from './due.js';
import { renderHallmarks } from './hallmarks.js';
import { renderAudit } from './audit.js';
import { renderProposals } from './proposals.js';

const teams = window.microsoftTeams;
const main = document.getElementById('main');

function applyTheme(theme) {
  app.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  document.documentElement.dataset.theme = app.theme;
}

const timeout = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));

async function initializeTeams() {
  if (!teams?.app) return null;
  try {
    await Promise.race([teams.app.initialize(), timeout(5000)]);
    return await teams.app.getContext();
  } catch {
    return null;
  }
}

const pages = {
  register: renderRegister,
  due: renderDue,
  hallmarks: renderHallmarks,
  audit: renderAudit,
  proposals: renderProposals,
};

/** The page to open with no hash: the register, or for someone with no role in it their proposals. */
const home = () => (app.me?.hasRole === false ? 'proposals' : 'register');

async function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, ''));
  const [page, id] = hash.startsWith('partnership/') ? ['partnership', hash.slice('partnership/'.length)] : [hash || home(), null];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === (page === 'partnership' ? 'register' : page)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  const render = page === 'partnership' ? (target) => renderPartnership(target, id) : pages[page] ?? pages[home()];
  app.rerender = () => show(render);
  await show(render);
}

async function show(render) {
  say('Loading…');
  const target = clear(main);
  try {
    await render(target);
    say('');
  } catch (error) {
    clear(target);
    say(error.message ?? 'Something went wrong.', true);
  }
}

async function start() {
  applyTheme(new URLSearchParams(location.search).get('theme'));
  const context = await initializeTeams();
  if (context) {
    app.inTeams = true;
    applyTheme(context.app?.theme);
    teams.app.registerOnThemeChangeHandler?.((theme) => {
      applyTheme(theme);
      app.rerender?.();
    });
    app.api = new Api(() => teams.authentication.getAuthToken());
  } else {
    app.api = new Api(async () => null);
  }

  try {
    app.me = await app.api.json('/me');
  } catch (error) {
    if (!context && error.status === 401) {
      say('The partnership register opens in Microsoft Teams: open the Partnership Bot app in Teams and choose its Register tab.', true);
    } else {
      say(error.message, true);
    }
    return;
  }

  if (!context && !app.me.developmentMode) {
    say('The partnership register opens in Microsoft Teams: open the Partnership Bot app in Teams and choose its Register tab.', true);
    return;
  }

  document.getElementById('nav').hidden = false;
  document.getElementById('nav-audit').hidden = !app.me.seesAuditReport;
  // No role in the register: nothing of it is theirs to see, only their proposals.
  for (const id of ['nav-register', 'nav-due', 'nav-hallmarks']) document.getElementById(id).hidden = !app.me.hasRole;
  if (app.me.botChatUrl) {
    const chat = document.getElementById('chat');
    chat.replaceWith(teamsLink('Open the bot chat', app.me.botChatUrl, { id: 'chat', class: 'chat' }));
  }
  if (app.me.developmentMode) {
    document.querySelector('.bar').append(el('span', { class: 'dev' }, `Development mode: signed in as ${app.me.name}`));
  }

  // A deep link from a card names the partnership in subPageId ("partnership:<id>").
  const sub = context?.page?.subPageId ?? '';
  if (sub.startsWith('partnership:') && !location.hash) {
    history.replaceState(null, '', `#partnership/${encodeURIComponent(sub.slice('partnership:'.length))}`);
  }

  window.addEventListener('hashchange', route);
  await route();
}

start();
