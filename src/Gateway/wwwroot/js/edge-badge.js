import { api } from './api.js';
import { h, replace } from './dom.js';

// Whether a camera records at its edge, from GET /api/cameras/{id}/edge: a badge naming the state and the
// gateway's reason as visible text beside it (not only a tooltip: the reason is what tells the user what to fix).

const STATES = {
  recording: ['Recording', 'ok'],
  'no-agent': ['No edge agent', 'off'],
  'agent-never-seen': ['Agent never seen', 'bad'],
  'agent-offline': ['Agent offline', 'bad'],
  pending: ['Configuration pending', 'warn'],
  'not-reported': ['Not reported by its agent', 'warn'],
  connecting: ['Connecting', 'warn'],
  'not-recording': ['Not recording', 'bad'],
};

/** Badge and reason of `edge` (the /edge answer). */
export function edgeBadge(edge) {
  const [label, tone] = STATES[edge.state] ?? [edge.state, 'warn'];
  return h('div', { class: 'edge-state', 'data-edge-state': edge.state },
    h('span', { class: `badge ${tone}` }, label),
    h('span', { class: 'edge-reason' }, ` — ${edge.reason}`));
}

/**
 * Polls the edge state of the cameras `cells()` gives (camera id → element to fill) every `intervalMs` while the tab
 * is visible. refresh(entries) fills some now (a page of cameras just listed); stop() is for the view's cleanup.
 */
export function pollEdgeStates(cells, intervalMs = 10_000) {
  const refresh = (entries = cells()) => Promise.all([...entries].map(async ([id, cell]) => {
    try {
      replace(cell, edgeBadge(await api(`/api/cameras/${encodeURIComponent(id)}/edge`)));
    } catch (error) {
      replace(cell, h('span', { class: 'badge', title: error.message }, 'Unknown'));
    }
  }));
  const timer = setInterval(() => {
    if (!document.hidden) void refresh();
  }, intervalMs);
  return { refresh, stop: () => clearInterval(timer) };
}
