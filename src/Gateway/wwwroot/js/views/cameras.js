import { api, listPage } from '../api.js';
import { h, replace } from '../dom.js';
import { formatAgo, formatSeconds } from '../format.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { canWrite, rememberCameras, selectedSite, state } from '../state.js';

// Cameras of the selected site with live status: GET /api/cameras/{id}/status for each listed camera, again every
// few seconds while this view is open (and the tab visible). Operators can start and stop a manual recording.

const STATUS_POLL_MILLISECONDS = 5000;
const MANUAL_RECORDING_SECONDS = 30;

export function renderCameras(container) {
  const rows = new Map(); // camera id → { statusCell, heartbeatCell, cacheCell }
  const body = h('tbody');
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const table = h('table', { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Cameras and their live status'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Camera'), h('th', { scope: 'col' }, 'Site'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Last heartbeat'), h('th', { scope: 'col' }, 'Cache'),
      canWrite() ? h('th', { scope: 'col' }, 'Recording') : null)),
    body);

  const pager = createPager(
    (cursor) => listPage('/api/cameras', { siteId: selectedSite() }, cursor),
    (cameras) => {
      rememberCameras(cameras);
      for (const camera of cameras) body.append(cameraRow(camera, rows, notice));
      void refreshStatus(cameras.map((c) => c.id), rows);
    },
    { onEmpty: () => body.append(h('tr', {}, h('td', { colSpan: 6, class: 'empty' }, 'No cameras on this site.'))) });

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Cameras'),
      h('p', { class: 'muted' }, `Status refreshes every ${STATUS_POLL_MILLISECONDS / 1000} seconds.`)),
    notice,
    h('div', { class: 'table-wrap' }, table),
    pager.element);
  pager.start();

  const timer = setInterval(() => {
    if (!document.hidden) void refreshStatus([...rows.keys()], rows);
  }, STATUS_POLL_MILLISECONDS);
  return () => clearInterval(timer);
}

function cameraRow(camera, rows, notice) {
  const cells = {
    statusCell: h('td', { 'data-label': 'Status' }, h('span', { class: 'badge' }, '…')),
    heartbeatCell: h('td', { 'data-label': 'Last heartbeat' }, '—'),
    cacheCell: h('td', { 'data-label': 'Cache' }, '—'),
  };
  rows.set(camera.id, cells);
  const siteName = state.sites.find((s) => s.id === camera.siteId)?.name ?? camera.siteId ?? '—';
  return h('tr', { 'data-camera-id': camera.id },
    h('th', { scope: 'row' }, h('span', { class: 'camera-name' }, camera.name), h('br'), h('code', { class: 'muted' }, camera.id), h('br'),
      h('a', { class: 'button small', href: `#/live?cameraId=${encodeURIComponent(camera.id)}`, 'aria-label': `Watch ${camera.name} live` }, 'Live')),
    h('td', { 'data-label': 'Site' }, siteName),
    cells.statusCell, cells.heartbeatCell, cells.cacheCell,
    canWrite() ? h('td', {}, recordingButtons(camera, notice)) : null);
}

function recordingButtons(camera, notice) {
  const send = async (path, body, done) => {
    replace(notice);
    try {
      const result = await api(`/api/cameras/${encodeURIComponent(camera.id)}/recordings${path}`, { method: 'POST', body });
      replace(notice, h('p', { class: 'notice' }, `${done} on ${camera.name}${result?.sessionId ? ` (session ${result.sessionId})` : ''}.`));
    } catch (error) {
      replace(notice, problemBanner(error, { heading: `${camera.name}` }));
    }
  };
  return h('div', { class: 'button-row' },
    h('button', { type: 'button', class: 'button small', 'aria-label': `Record ${MANUAL_RECORDING_SECONDS} seconds on ${camera.name}`,
      onclick: () => send('', { durationSeconds: MANUAL_RECORDING_SECONDS }, 'Recording requested') }, `Record ${MANUAL_RECORDING_SECONDS} s`),
    h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Stop recording on ${camera.name}`,
      onclick: () => send('/stop', undefined, 'Stop requested') }, 'Stop'));
}

async function refreshStatus(ids, rows) {
  await Promise.all(ids.map(async (id) => {
    const cells = rows.get(id);
    if (!cells) return;
    try {
      showStatus(cells, await api(`/api/cameras/${encodeURIComponent(id)}/status`));
    } catch (error) {
      replace(cells.statusCell, h('span', { class: 'badge', title: error.message }, 'Unknown'));
    }
  }));
}

function showStatus(cells, status) {
  replace(cells.statusCell,
    h('span', { class: `badge ${status.online ? 'ok' : 'off'}` }, status.online ? 'Online' : 'Offline'), ' ',
    status.online && !status.connected ? h('span', { class: 'badge warn', title: 'The edge agent cannot read the camera stream' }, 'No stream') : null, ' ',
    status.recording ? h('span', { class: 'badge rec' }, 'Recording') : null);
  replace(cells.heartbeatCell, status.lastHeartbeatAt ? h('time', { dateTime: status.lastHeartbeatAt }, formatAgo(status.lastHeartbeatAt)) : 'never');
  replace(cells.cacheCell, status.online ? formatSeconds(status.cacheSeconds) : '—');
}
