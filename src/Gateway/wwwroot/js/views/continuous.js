import { api } from '../api.js';
import { cameraSelect } from '../camera-select.js';
import { dayBar } from '../continuous-day.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatSeconds, isoToLocalInput, localInputToIso } from '../format.js';
import { problemBanner } from '../problem.js';

// Continuous recording of one camera (#/continuous?cameraId=…&day=YYYY-MM-DD): the day's recorded spans as a bar and a
// list, and a window of up to an hour played or downloaded as one MP4 that the gateway joins from the segments
// (GET …/continuous/export, Range-able, so the player seeks). Only cameras with continuous recording on have spans.

const MAX_EXPORT_MINUTES = 60;
const DEFAULT_WINDOW_MINUTES = 5;

export function renderContinuous(container, params) {
  const camera = cameraSelect('continuous-camera', params.get('cameraId') ?? '');
  const day = h('input', { type: 'date', id: 'continuous-day', name: 'day', value: params.get('day') ?? localDay(new Date()) });
  const from = h('input', { type: 'datetime-local', id: 'continuous-from', name: 'from', step: 1 });
  const to = h('input', { type: 'datetime-local', id: 'continuous-to', name: 'to', step: 1 });
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const spansArea = h('div', {}, h('p', { class: 'muted' }, 'Choose a camera.'));
  const video = h('video', { id: 'continuous-player', controls: true, preload: 'metadata', playsInline: true });
  const download = h('a', { class: 'button secondary', id: 'continuous-download', hidden: true }, 'Download MP4');

  const pickWindow = (start) => {
    from.value = isoToLocalInput(start.toISOString());
    to.value = isoToLocalInput(new Date(start.getTime() + DEFAULT_WINDOW_MINUTES * 60_000).toISOString());
  };

  async function loadSpans() {
    replace(notice);
    if (!camera.value) {
      replace(spansArea, h('p', { class: 'muted' }, 'Choose a camera.'));
      return;
    }
    const dayStart = new Date(`${day.value}T00:00`);
    const dayEnd = new Date(dayStart.getTime() + 24 * 3600 * 1000);
    history.replaceState(null, '', `#/continuous?cameraId=${encodeURIComponent(camera.value)}&day=${day.value}`);
    try {
      const spans = await api(`/api/cameras/${encodeURIComponent(camera.value)}/continuous/spans`,
        { query: { from: dayStart.toISOString(), to: dayEnd.toISOString() } });
      replace(spansArea, spans.length === 0
        ? h('p', { class: 'empty' }, 'Nothing recorded on this day. Continuous recording is switched on per camera (Cameras → Edit).')
        : [dayBar(dayStart, spans, pickWindow), spanTable(spans, pickWindow)]);
      if (spans.length > 0 && !from.value) pickWindow(new Date(spans[0].start));
    } catch (error) {
      replace(spansArea);
      replace(notice, problemBanner(error, { heading: 'The recorded spans could not be read' }));
    }
  }

  function play(event) {
    event.preventDefault();
    replace(notice);
    const start = localInputToIso(from.value);
    const end = localInputToIso(to.value);
    if (!camera.value || !start || !end || end <= start || new Date(end) - new Date(start) > MAX_EXPORT_MINUTES * 60_000) {
      replace(notice, h('p', { class: 'notice bad', role: 'alert' },
        `Choose a camera, and a start before the end, at most ${MAX_EXPORT_MINUTES} minutes apart.`));
      return;
    }
    const url = `/api/cameras/${encodeURIComponent(camera.value)}/continuous/export?from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`;
    video.src = url;
    download.href = url;
    download.setAttribute('download', `${camera.value}-${start.replaceAll(':', '')}.mp4`);
    download.hidden = false;
    // The export answers a ProblemDetails when nothing is recorded in the window: say that instead of a dead player.
    video.onerror = async () => {
      const response = await fetch(url, { headers: { Range: 'bytes=0-0', Accept: 'application/problem+json' } }).catch(() => null);
      const problem = response && !response.ok ? await response.json().catch(() => null) : null;
      replace(notice, h('p', { class: 'notice bad', role: 'alert' },
        problem?.detail ?? problem?.title ?? 'The browser could not play this window.'));
    };
    void video.play().catch(() => { /* autoplay refused: the controls are there */ });
  }

  camera.addEventListener('change', loadSpans);
  day.addEventListener('change', loadSpans);
  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Continuous recording')),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'continuous-camera' }, 'Camera'), camera),
      h('div', { class: 'field' }, h('label', { for: 'continuous-day' }, 'Day'), day)),
    notice,
    spansArea,
    h('form', { class: 'filters continuous-window', onsubmit: play },
      h('div', { class: 'field' }, h('label', { for: 'continuous-from' }, 'From'), from),
      h('div', { class: 'field' }, h('label', { for: 'continuous-to' }, 'To'), to),
      h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'button' }, 'Play'), download),
      h('p', { class: 'hint' }, `Up to ${MAX_EXPORT_MINUTES} minutes, joined from whole segments (it may start and end a segment wider).`)),
    h('div', { class: 'continuous-video' }, video));
  void camera.loaded.then(loadSpans);
  return () => { video.removeAttribute('src'); video.load(); };
}

function spanTable(spans, pickWindow) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table continuous-spans' },
    h('caption', { class: 'visually-hidden' }, 'Recorded spans'),
    h('thead', {}, h('tr', {}, ['From', 'To', 'Length', 'Size', ''].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, spans.map((span) => h('tr', {},
      h('td', { 'data-label': 'From' }, new Date(span.start).toLocaleTimeString()),
      h('td', { 'data-label': 'To' }, new Date(span.end).toLocaleTimeString()),
      h('td', { 'data-label': 'Length' }, formatSeconds((new Date(span.end) - new Date(span.start)) / 1000)),
      h('td', { 'data-label': 'Size' }, formatBytes(span.bytes)),
      h('td', {}, h('button', { type: 'button', class: 'button small secondary', onclick: () => pickWindow(new Date(span.start)) }, 'Pick start')))))));
}

/** YYYY-MM-DD of a Date in the browser's time zone (what <input type="date"> holds). */
function localDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
