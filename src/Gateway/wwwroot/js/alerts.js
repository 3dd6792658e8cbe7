import { h } from './dom.js';
import { formatTime } from './format.js';
import { cameraName } from './state.js';

// Live alerts from GET /api/alerts/stream (Server-Sent Events, `event: alert`). Each shows as a toast and is
// kept in a short in-memory list that the events view shows on top. EventSource reconnects by itself after a
// dropped connection, but gives up on an HTTP error (401, 404, 503): then retry with a growing delay.

const MAX_RECENT = 50;
const TOAST_MILLISECONDS = 10_000;
const MAX_TOASTS = 3;
const recent = [];
const listeners = new Set();
let source = null;
let retryTimer = null;
let retryDelay = 1000;

export function startAlerts() {
  stopAlerts();
  connect();
}

export function stopAlerts() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  showLiveState('off', 'Live alerts: off');
}

export function recentAlerts() {
  return recent;
}

/** Calls `listener(alert)` for each new alert; returns the unsubscribe function. */
export function onAlert(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function connect() {
  source = new EventSource('/api/alerts/stream');
  source.addEventListener('open', () => {
    retryDelay = 1000;
    showLiveState('on', 'Live alerts: connected');
  });
  source.addEventListener('alert', (event) => {
    let alert;
    try {
      alert = JSON.parse(event.data);
    } catch {
      return; // Not ours to fix here; the stream goes on.
    }
    recent.unshift(alert);
    recent.length = Math.min(recent.length, MAX_RECENT);
    toast(alert);
    for (const listener of listeners) listener(alert);
  });
  source.addEventListener('error', () => {
    if (source?.readyState !== EventSource.CLOSED) {
      showLiveState('retrying', 'Live alerts: reconnecting…');
      return;
    }
    showLiveState('off', 'Live alerts: unavailable, retrying');
    retryTimer = setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60_000);
  });
}

function toast(alert) {
  const container = document.getElementById('toasts');
  if (!container) return;
  const severity = ['info', 'warning', 'critical'].includes(alert.severity) ? alert.severity : 'warning';
  const item = h('div', { class: `toast severity-${severity}` },
    h('div', { class: 'toast-body' },
      h('strong', {}, alert.ruleName ?? 'Alert'), ' ',
      h('span', { class: `badge severity-${severity}` }, severity),
      h('p', {}, alert.message ?? ''),
      h('p', { class: 'muted' }, `${cameraName(alert.cameraId)} · ${formatTime(alert.occurredAt)}`)),
    h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss alert', onclick: () => item.remove() }, '×'));
  container.prepend(item);
  // A burst of alerts must not bury the page: the newest few stay, the rest are in the Events view.
  while (container.children.length > MAX_TOASTS) container.lastElementChild.remove();
  setTimeout(() => item.remove(), TOAST_MILLISECONDS);
}

function showLiveState(state, label) {
  const indicator = document.getElementById('live-state');
  if (!indicator) return;
  indicator.dataset.state = state;
  indicator.title = label;
  indicator.setAttribute('aria-label', label);
}
