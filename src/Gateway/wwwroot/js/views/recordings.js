import { api, listPage } from '../api.js';
import { cameraSelect } from '../camera-select.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { cameraName, canWrite, selectedSite } from '../state.js';

// Recording sessions, newest first: what each camera grain asked its edge to record, for which rule (or by hand),
// and whether the session is still open. A session that is open or extended can be stopped: the stop goes to the
// camera (POST /api/cameras/{id}/recordings/stop), which ends whichever session it has open, so the answer says
// which one that was. A closed session links to its clip in the Clips view.

const STATES = [
  ['', 'Any state'],
  ['open', 'Open'],
  ['extended', 'Extended'],
  ['closed', 'Closed'],
];
const ACTIVE = new Set(['open', 'extended']);

export function renderRecordings(container, params) {
  const camera = cameraSelect('recordings-camera', params.get('cameraId') ?? '');
  const status = h('select', { id: 'recordings-state', name: 'status' },
    STATES.map(([value, label]) => h('option', { value, selected: value === (params.get('status') ?? '') }, label)));
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const body = h('tbody');

  const pager = createPager(
    async (cursor) => {
      await camera.loaded; // the rows show camera names, which the filter's listing brings
      return listPage('/api/recordings', { siteId: selectedSite(), cameraId: camera.value, status: status.value }, cursor);
    },
    (sessions, first) => {
      if (first) replace(body);
      for (const session of sessions) body.append(sessionRow(session));
    },
    { onEmpty: () => body.append(h('tr', {}, h('td', { colSpan: 7, class: 'empty' }, 'No recordings match.'))) });

  async function stop(session, button) {
    button.disabled = true;
    try {
      const { sessionId } = await api(`/api/cameras/${encodeURIComponent(session.cameraId)}/recordings/stop`, { method: 'POST' });
      replace(notice, h('p', { class: 'notice' }, sessionId === session.id
        ? `Recording on ${cameraName(session.cameraId)} stopped.`
        : sessionId
          ? `${cameraName(session.cameraId)} had another recording open (${sessionId}); that one was stopped.`
          : `${cameraName(session.cameraId)} had no recording open any more: it has already ended.`));
      pager.start();
    } catch (error) {
      replace(notice, problemBanner(error, { heading: 'The recording was not stopped' }));
      button.disabled = false;
    }
  }

  function sessionRow(session) {
    const active = ACTIVE.has(session.status);
    const stopButton = active && canWrite()
      ? h('button', {
        type: 'button', class: 'button small danger', 'aria-label': `Stop the recording on ${cameraName(session.cameraId)}`,
        onclick: (event) => stop(session, event.currentTarget),
      }, 'Stop')
      : null;
    return h('tr', { 'data-session-id': session.id },
      h('th', { scope: 'row' }, cameraName(session.cameraId)),
      h('td', { 'data-label': 'Rule' }, ruleOf(session)),
      h('td', { 'data-label': 'State' }, h('span', { class: `badge ${active ? 'rec' : 'off'}` }, session.status)),
      h('td', { 'data-label': 'Started' }, h('time', { dateTime: session.startAt }, formatTime(session.startAt))),
      // An open session's end is the one it is planned to have; extensions move it.
      h('td', { 'data-label': active ? 'Ends' : 'Ended' }, h('time', { dateTime: session.endAt }, formatTime(session.endAt)),
        active ? h('span', { class: 'muted' }, ' (planned)') : null),
      h('td', { 'data-label': 'Clip' }, active
        ? h('span', { class: 'muted' }, 'After it ends')
        : h('a', { href: `#/clips?sessionId=${encodeURIComponent(session.id)}` }, 'Play clip')),
      h('td', {}, stopButton ? h('div', { class: 'row-actions' }, stopButton) : null));
  }

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Recordings')),
    h('form', { class: 'filters', 'aria-label': 'Filter recordings', onsubmit: (event) => { event.preventDefault(); replace(notice); pager.start(); } },
      h('div', { class: 'field' }, h('label', { for: camera.id }, 'Camera'), camera),
      h('div', { class: 'field' }, h('label', { for: status.id }, 'State'), status),
      h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'button' }, 'Apply'))),
    notice,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Recording sessions, newest first'),
      h('thead', {}, h('tr', {}, ['Camera', 'Rule', 'State', 'Started', 'Ended', 'Clip', ''].map((title) => h('th', { scope: 'col' }, title)))),
      body)),
    pager.element);
  pager.start();
}

/** The rules that opened or extended the session, or the reason of a manual one. */
function ruleOf(session) {
  const rules = session.ruleIds?.length ? session.ruleIds : [session.ruleId].filter(Boolean);
  if (rules.length) return rules.join(', ');
  return h('span', { class: 'muted' }, session.reason || 'manual');
}
