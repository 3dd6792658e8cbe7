import { listPage } from '../api.js';
import { onAlert, recentAlerts } from '../alerts.js';
import { cameraSelect } from '../camera-select.js';
import { h, replace } from '../dom.js';
import { formatTime, localInputToIso } from '../format.js';
import { createPager } from '../pager.js';
import { cameraName, selectedSite } from '../state.js';

// The events timeline (alerts and recordings, newest first) with filters, and above it the alerts that arrived
// live while this page was open.

export function renderEvents(container, params) {
  const camera = cameraSelect('events-camera', params.get('cameraId') ?? '');
  const sensor = h('input', { id: 'events-sensor', name: 'sensorId', value: params.get('sensorId') ?? '' });
  const rule = h('input', { id: 'events-rule', name: 'ruleId', value: params.get('ruleId') ?? '' });
  const from = h('input', { id: 'events-from', name: 'from', type: 'datetime-local' });
  const to = h('input', { id: 'events-to', name: 'to', type: 'datetime-local' });
  const list = h('ol', { class: 'timeline', 'aria-label': 'Events, newest first' });
  const live = h('ol', { class: 'timeline live', 'aria-label': 'Live alerts' });

  const query = () => ({
    siteId: selectedSite(), cameraId: camera.value, sensorId: sensor.value.trim(), ruleId: rule.value.trim(),
    from: localInputToIso(from.value), to: localInputToIso(to.value),
  });
  const pager = createPager(
    (cursor) => listPage('/api/events', query(), cursor),
    (events, first) => {
      if (first) replace(list);
      for (const event of events) list.append(eventItem(event));
    },
    { onEmpty: () => list.append(h('li', { class: 'empty' }, 'No events match.')) });

  const showLive = () => replace(live, recentAlerts().length
    ? recentAlerts().map((alert) => eventItem({ kind: 'alert', ...alert, at: alert.occurredAt }))
    : h('li', { class: 'empty' }, 'None since this page was opened.'));
  showLive();
  const unsubscribe = onAlert(showLive);

  const field = (label, input) => h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Events')),
    h('section', { 'aria-labelledby': 'live-title', class: 'card' }, h('h2', { id: 'live-title' }, 'Live alerts'), live),
    h('form', { class: 'filters', 'aria-label': 'Filter events', onsubmit: (event) => { event.preventDefault(); pager.start(); } },
      field('Camera', camera), field('Sensor id', sensor), field('Rule id', rule), field('From', from), field('To', to),
      h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'button' }, 'Apply'))),
    list,
    pager.element);
  pager.start();
  return unsubscribe;
}

function eventItem(event) {
  const isAlert = event.kind === 'alert';
  const severity = ['info', 'warning', 'critical'].includes(event.severity) ? event.severity : null;
  return h('li', { class: `timeline-item kind-${isAlert ? 'alert' : 'recording'}` },
    h('time', { dateTime: event.at ?? '' }, formatTime(event.at)),
    h('div', {},
      h('span', { class: 'badge' }, isAlert ? 'Alert' : 'Recording'), ' ',
      severity ? h('span', { class: `badge severity-${severity}` }, severity) : null, ' ',
      h('strong', {}, event.ruleName ?? event.message ?? ''),
      event.message && event.ruleName ? h('p', {}, event.message) : null,
      h('p', { class: 'muted' },
        [event.cameraId ? cameraName(event.cameraId) : null, event.sensorId ? `sensor ${event.sensorId}` : null, event.className]
          .filter(Boolean).join(' · ')),
      clipLink(event, isAlert)));
}

/** The clip of this event: a recording session's own clip, or the camera's clip covering the alert's moment. */
function clipLink(event, isAlert) {
  if (!isAlert && event.sessionId) {
    return h('a', { href: `#/clips?sessionId=${encodeURIComponent(event.sessionId)}` }, 'Play its clip');
  }
  return isAlert && event.cameraId && event.at
    ? h('a', { href: `#/clips?cameraId=${encodeURIComponent(event.cameraId)}&at=${encodeURIComponent(event.at)}` }, 'Play the clip at this moment')
    : null;
}
