import { h } from './dom.js';
import { formatTime } from './format.js';
import { cameraName } from './state.js';
import { thumbnail } from './thumbnail.js';

// One entry of the review timeline: the thumbnail of the clip that covers it (a button that plays it), what
// happened, and its reviewed state (a toggle for those who may change it, a badge for the others).

/** `onPlay()` plays the event's clip; `onReview(reviewed)` sets its state (null: the caller may only read). */
export function timelineItem(event, { onPlay, onReview = null, playing = false }) {
  const isAlert = event.kind === 'alert';
  const severity = ['info', 'warning', 'critical'].includes(event.severity) ? event.severity : null;
  const what = event.ruleName ?? event.message ?? (isAlert ? 'Alert' : 'Recording');
  const reviewed = Boolean(event.review);
  return h('li', {
    class: `timeline-item kind-${isAlert ? 'alert' : 'recording'}${reviewed ? ' reviewed' : ''}${playing ? ' playing' : ''}`,
    'data-event-id': event.id, 'data-kind': event.kind, 'aria-current': playing ? 'true' : null,
  },
    preview(event, what, onPlay),
    h('div', { class: 'timeline-body' },
      h('time', { dateTime: event.at ?? '' }, formatTime(event.at)),
      h('div', {},
        h('span', { class: 'badge' }, isAlert ? 'Alert' : 'Recording'), ' ',
        severity ? h('span', { class: `badge severity-${severity}` }, severity) : null, ' ',
        h('strong', {}, what)),
      event.message && event.ruleName ? h('p', {}, event.message) : null,
      h('p', { class: 'muted' },
        [event.cameraId ? cameraName(event.cameraId) : null, event.sensorId ? `sensor ${event.sensorId}` : null,
          event.zoneId ? `zone ${event.zoneId}` : null, event.className].filter(Boolean).join(' · '))),
    h('div', { class: 'timeline-actions' }, reviewControl(event, onReview)));
}

function preview(event, what, onPlay) {
  if (!event.clip) {
    return h('div', { class: 'timeline-thumb' }, h('div', { class: 'thumbnail placeholder' }, 'No clip yet'));
  }
  const label = `Play the clip of ${what} at ${formatTime(event.at)}`;
  return h('button', { type: 'button', class: 'timeline-thumb clip-open', 'aria-label': label, onclick: onPlay },
    thumbnail(event.clip.thumbnailUrl, ''), h('span', { class: 'play-icon', 'aria-hidden': 'true' }, '▶'));
}

/** The event's reviewed state: a toggle calling `onReview(reviewed)`, or without one (read-only callers) a badge. */
export function reviewControl(event, onReview) {
  const reviewed = Boolean(event.review);
  if (!onReview) return reviewed ? h('span', { class: 'badge ok' }, 'Reviewed') : null;
  return h('button', {
    type: 'button', class: `button small ${reviewed ? 'secondary' : ''}`, 'aria-pressed': reviewed ? 'true' : 'false',
    title: reviewed ? `Reviewed by ${event.review.reviewedBy}, ${formatTime(event.review.reviewedAt)}` : null,
    onclick: (click) => { click.currentTarget.disabled = true; void onReview(!reviewed); },
  }, reviewed ? '✓ Reviewed' : 'Mark reviewed');
}
