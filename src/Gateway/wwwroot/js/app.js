import { api, listPage, UNAUTHORIZED } from './api.js';
import { startAlerts, stopAlerts } from './alerts.js';
import { h, replace } from './dom.js';
import { problemBanner } from './problem.js';
import { selectedSite, selectSite, state } from './state.js';
import { renderAgents } from './views/agents.js';
import { renderCameras } from './views/cameras.js';
import { renderClips } from './views/clips.js';
import { renderContinuous } from './views/continuous.js';
import { renderEvents } from './views/events.js';
import { renderKeys } from './views/keys.js';
import { renderLive } from './views/live.js';
import { renderMetrics } from './views/metrics.js';
import { renderRecordings } from './views/recordings.js';
import { renderRules } from './views/rules.js';
import { renderSensors } from './views/sensors.js';
import { renderSignIn } from './views/signin.js';
import { renderSites, SITES_CHANGED } from './views/sites.js';

// The shell: who is signed in, the site filter, and hash routing (#/cameras, #/clips?cameraId=…). Each view
// renders into <main> and may return a cleanup function (timers, subscriptions) run when the user leaves it.

const ROUTES = {
  cameras: { title: 'Cameras', render: renderCameras },
  agents: { title: 'Edge agents', render: renderAgents },
  events: { title: 'Events', render: renderEvents },
  clips: { title: 'Clips', render: renderClips },
  live: { title: 'Live', render: renderLive },
  recordings: { title: 'Recordings', render: renderRecordings },
  continuous: { title: 'Continuous recording', render: renderContinuous },
  rules: { title: 'Rules', render: renderRules },
  sensors: { title: 'Sensors', render: renderSensors },
  metrics: { title: 'Metrics', render: renderMetrics },
  sites: { title: 'Sites', render: renderSites },
  keys: { title: 'API keys', render: renderKeys },
};
const DEFAULT_ROUTE = 'cameras';

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
const siteFilter = document.getElementById('site-filter');
let cleanup = null;

async function boot() {
  window.addEventListener('hashchange', () => route(true));
  window.addEventListener(UNAUTHORIZED, () => { if (state.caller) signedOut(); });
  window.addEventListener(SITES_CHANGED, () => { if (state.caller) void loadSites(); });
  document.getElementById('sign-out').addEventListener('click', signOut);
  siteFilter.addEventListener('change', () => {
    selectSite(siteFilter.value);
    route(false);
  });

  try {
    state.caller = await api('/api/session');
  } catch (error) {
    if (error.status !== 401) {
      replace(main, problemBanner(error, { heading: 'The gateway did not answer' }),
        h('button', { type: 'button', class: 'button', onclick: () => location.reload() }, 'Try again'));
      return;
    }
  }
  if (state.caller) await enter();
  else showSignIn();
}

async function enter() {
  const { name, role, siteId } = state.caller;
  replace(document.getElementById('whoami'), h('span', {}, name || 'Signed in'), ' ', h('span', { class: 'badge' }, role),
    siteId ? h('span', { class: 'muted' }, ` · site ${siteId}`) : null);
  for (const item of document.querySelectorAll('[data-admin-only]')) item.hidden = role !== 'admin';
  await loadSites();
  startAlerts();
  // The nav shows only now: a view opened from it while the sites loaded was re-rendered by this route(), losing
  // whatever the user had started there (a half-filled form).
  topbar.hidden = false;
  route(false);
}

async function loadSites() {
  state.sites = [];
  try {
    let cursor = null;
    do {
      const page = await listPage('/api/sites', { limit: 500 }, cursor);
      state.sites.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  } catch {
    // Without sites the filter offers "All sites" only; views still report their own API errors.
  }
  const current = selectedSite();
  replace(siteFilter,
    state.caller.siteId ? null : h('option', { value: '' }, 'All sites'),
    state.sites.map((site) => h('option', { value: site.id, selected: site.id === current }, site.name)));
  // A site-scoped key sees one site only: the filter shows it and cannot change.
  siteFilter.disabled = Boolean(state.caller.siteId);
}

function route(moveFocus) {
  if (!state.caller) return;
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const name = ROUTES[path] ? path : DEFAULT_ROUTE;
  cleanup?.();
  cleanup = null;
  for (const link of document.querySelectorAll('[data-route]')) {
    if (link.dataset.route === name) {
      link.setAttribute('aria-current', 'page');
      link.scrollIntoView({ block: 'nearest', inline: 'nearest' }); // a phone's nav scrolls sideways
    } else {
      link.removeAttribute('aria-current');
    }
  }
  document.title = `${ROUTES[name].title} · Platform`;
  cleanup = ROUTES[name].render(main, new URLSearchParams(search ?? '')) ?? null;
  // After navigation, screen-reader and keyboard users start at the new content, not at the link they used.
  if (moveFocus) main.focus();
}

function showSignIn() {
  topbar.hidden = true;
  document.title = 'Sign in · Platform';
  renderSignIn(main, {
    onSignedIn: async (caller) => {
      state.caller = caller;
      await enter();
    },
  });
}

async function signOut() {
  try {
    await api('/api/session', { method: 'DELETE' });
  } finally {
    signedOut();
  }
}

function signedOut() {
  cleanup?.();
  cleanup = null;
  stopAlerts();
  state.caller = null;
  state.cameras.clear();
  showSignIn();
}

void boot();
