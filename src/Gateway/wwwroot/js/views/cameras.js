import { api, listPage } from '../api.js';
import { renderCameraForm } from '../camera-form.js';
import { h, replace } from '../dom.js';
import { pollEdgeStates } from '../edge-badge.js';
import { formatAgo, formatSeconds } from '../format.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { canWrite, rememberCameras, selectedSite, state } from '../state.js';

// Cameras of the selected site with live status: GET /api/cameras/{id}/status for each listed camera, again every
// few seconds while this view is open (and the tab visible), and whether its edge agent records it and if not why
// (GET /api/cameras/{id}/edge, every 10 s). Operators create and edit cameras and start and stop a manual recording.

const STATUS_POLL_MILLISECONDS = 5000;
const EDGE_POLL_MILLISECONDS = 10_000;
const MANUAL_RECORDING_SECONDS = 30;

export function renderCameras(container) {
  const rows = new Map(); // camera id → { statusCell, heartbeatCell, cacheCell, edgeCell }
  const body = h('tbody');
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const editor = h('div');
  const list = h('div');
  const edge = pollEdgeStates(() => [...rows].map(([id, cells]) => [id, cells.edgeCell]), EDGE_POLL_MILLISECONDS);
  const table = h('table', { class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Cameras and their live status'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Camera'), h('th', { scope: 'col' }, 'Site'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Edge recording'), h('th', { scope: 'col' }, 'Last heartbeat'), h('th', { scope: 'col' }, 'Cache'),
      canWrite() ? h('th', { scope: 'col' }, 'Actions') : null)),
    body);

  const pager = createPager(
    (cursor) => listPage('/api/cameras', { siteId: selectedSite() }, cursor),
    (cameras, first) => {
      if (first) {
        replace(body);
        rows.clear();
      }
      rememberCameras(cameras);
      for (const camera of cameras) body.append(cameraRow(camera, rows, notice, openEditor));
      void refreshStatus(cameras.map((c) => c.id), rows);
      void edge.refresh(cameras.map((c) => [c.id, rows.get(c.id).edgeCell]));
    },
    { onEmpty: () => body.append(h('tr', {}, h('td', { colSpan: 7, class: 'empty' }, 'No cameras on this site.'))) });

  function openEditor(camera) {
    replace(notice);
    list.hidden = true;
    // An edit shows where the camera stands at its edge, above the settings that change it.
    const edgeState = camera ? h('div', { class: 'camera-edge' }, h('span', { class: 'muted' }, 'Loading the edge state…')) : null;
    if (camera) void edge.refresh([[camera.id, edgeState]]);
    renderCameraForm(editor, camera, {
      edgeState,
      onSaved: (saved) => {
        closeEditor();
        replace(notice, h('p', { class: 'notice' }, `Camera “${saved.name}” saved.`));
        pager.start();
      },
      onCancel: closeEditor,
    });
  }
  function closeEditor() {
    // The form goes entirely, so no typed password stays in the page.
    replace(editor);
    list.hidden = false;
  }

  replace(list, h('div', { class: 'table-wrap' }, table), pager.element);
  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Cameras'),
      h('p', { class: 'muted' }, `Status refreshes every ${STATUS_POLL_MILLISECONDS / 1000} seconds, edge recording every ${EDGE_POLL_MILLISECONDS / 1000}.`),
      canWrite() ? h('button', { type: 'button', class: 'button', onclick: () => openEditor(null) }, 'New camera') : null),
    notice,
    editor,
    list);
  pager.start();

  const timer = setInterval(() => {
    if (!document.hidden) void refreshStatus([...rows.keys()], rows);
  }, STATUS_POLL_MILLISECONDS);
  return () => {
    clearInterval(timer);
    edge.stop();
  };
}

function cameraRow(camera, rows, notice, openEditor) {
  const cells = {
    statusCell: h('td', { 'data-label': 'Status' }, h('span', { class: 'badge' }, '…')),
    edgeCell: h('td', { 'data-label': 'Edge recording', class: 'edge-cell' }, h('span', { class: 'badge' }, '…')),
    heartbeatCell: h('td', { 'data-label': 'Last heartbeat' }, '—'),
    cacheCell: h('td', { 'data-label': 'Cache' }, '—'),
  };
  rows.set(camera.id, cells);
  const siteName = state.sites.find((s) => s.id === camera.siteId)?.name ?? camera.siteId ?? '—';
  return h('tr', { 'data-camera-id': camera.id },
    h('th', { scope: 'row' }, h('span', { class: 'camera-name' }, camera.name), h('br'), h('code', { class: 'muted' }, camera.id), h('br'),
      h('a', { class: 'button small', href: `#/live?cameraId=${encodeURIComponent(camera.id)}`, 'aria-label': `Watch ${camera.name} live` }, 'Live'),
      camera.continuous
        ? [' ', h('a', { class: 'button small secondary', href: `#/continuous?cameraId=${encodeURIComponent(camera.id)}`,
          'aria-label': `Play ${camera.name}'s continuous recording` }, 'Recorded')]
        : null),
    h('td', { 'data-label': 'Site' }, siteName),
    cells.statusCell, cells.edgeCell, cells.heartbeatCell, cells.cacheCell,
    canWrite() ? h('td', {}, recordingButtons(camera, notice, openEditor)) : null);
}

function recordingButtons(camera, notice, openEditor) {
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
      onclick: () => send('/stop', undefined, 'Stop requested') }, 'Stop'),
    h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Edit camera ${camera.name}`, onclick: () => openEditor(camera) }, 'Edit'));
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
