import { api, listPage } from '../api.js';
import { onAlert, recentAlerts } from '../alerts.js';
import { playClip, stopClip } from '../clip-player.js';
import { h, replace } from '../dom.js';
import { eventFilters } from '../event-filters.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { setReviewed } from '../review.js';
import { canWrite } from '../state.js';
import { reviewControl, timelineItem } from '../timeline-item.js';

// The review timeline: alerts and recordings, newest first, each with the thumbnail of the clip covering it,
// filtered, marked reviewed one by one or all at once; a thumbnail plays its clip at the event's moment, and the
// player steps to the previous or next event of the same filtered timeline. Above it, the alerts that arrived
// live while this page was open.

export function renderEvents(container, params) {
  const filters = eventFilters(params);
  const list = h('ol', { class: 'timeline', 'aria-label': 'Events, newest first' });
  const live = h('ol', { class: 'timeline live', 'aria-label': 'Live alerts' });
  const player = h('section', { class: 'card player', 'aria-labelledby': 'player-title', hidden: true });
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  /** The loaded timeline, in list order, and the index of the event playing (-1: none). */
  let shown = [];
  let playing = -1;
  let redrawPlayerReview = () => {};

  const item = (event) => timelineItem(event, {
    onPlay: () => void open(shown.indexOf(event)),
    onReview: canWrite() ? (reviewed) => review([event], reviewed) : null,
    playing: shown[playing] === event,
  });
  const redraw = (event) => list.querySelector(`[data-kind="${CSS.escape(event.kind)}"][data-event-id="${CSS.escape(event.id)}"]`)?.replaceWith(item(event));

  const pager = createPager(
    (cursor) => listPage('/api/events', filters.query(), cursor),
    (events, first) => {
      if (first) { replace(list); shown = []; playing = -1; stopClip(player); }
      shown.push(...events);
      for (const event of events) list.append(item(event));
    },
    { onEmpty: () => list.append(h('li', { class: 'empty' }, 'No events match.')) });

  async function review(events, reviewed) {
    replace(notice);
    try {
      for (const event of events) {
        await setReviewed(event, reviewed);
        redraw(event);
      }
    } catch (error) {
      replace(notice, problemBanner(error, { heading: 'Not marked' }));
      events.forEach(redraw);
    }
    redrawPlayerReview();
  }

  /** Plays the clip of shown[index]; Previous and Next go to the nearest events with a clip. */
  async function open(index) {
    const event = shown[index];
    if (!event?.clip) return;
    replace(notice);
    try {
      const clip = await api(`/api/clips/${encodeURIComponent(event.clip.id)}`);
      const before = playing;
      playing = index;
      [shown[before], event].filter(Boolean).forEach(redraw);
      const previous = playable(index, -1);
      const next = playable(index, 1);
      playClip(player, clip, {
        from: event.clip.offsetSeconds,
        tools: canWrite() ? playerReview(event) : null,
        nav: {
          label: `Event ${index + 1} of ${shown.length}${pager.hasMore() ? '+' : ''}`,
          onPrevious: previous >= 0 ? () => void open(previous) : null,
          onNext: next >= 0 ? () => void open(next) : pager.hasMore() ? () => void openAfterMore(index) : null,
        },
      });
    } catch (error) {
      replace(notice, problemBanner(error, { heading: 'The clip could not be opened' }));
    }
  }

  /** The playing event's reviewed toggle (reviewing while watching), redrawn with the list's after every change. */
  function playerReview(event) {
    const holder = h('span', { class: 'player-review' });
    redrawPlayerReview = () => replace(holder, reviewControl(event, (reviewed) => review([event], reviewed)));
    redrawPlayerReview();
    return holder;
  }

  async function openAfterMore(index) {
    await pager.more();
    const next = playable(index, 1);
    if (next >= 0) await open(next);
  }

  const playable = (from, step) => {
    for (let i = from + step; i >= 0 && i < shown.length; i += step) if (shown[i].clip) return i;
    return -1;
  };

  const showLive = () => replace(live, recentAlerts().length
    ? recentAlerts().map((alert) => timelineItem({ kind: 'alert', ...alert, at: alert.occurredAt }, {}))
    : h('li', { class: 'empty' }, 'None since this page was opened.'));
  showLive();
  const unsubscribe = onAlert(showLive);

  const markAll = h('button', {
    type: 'button', class: 'button secondary', hidden: !canWrite(),
    onclick: async () => {
      markAll.disabled = true;
      await review(shown.filter((event) => !event.review), true);
      markAll.disabled = false;
    },
  }, 'Mark all shown reviewed');

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Events'), markAll),
    h('section', { 'aria-labelledby': 'live-title', class: 'card' }, h('h2', { id: 'live-title' }, 'Live alerts'), live),
    // Nine filters fill a phone's first screen: there they start folded away.
    h('details', { class: 'filter-panel', open: !matchMedia('(max-width: 640px)').matches },
      h('summary', {}, 'Filters'),
      h('form', { class: 'filters', 'aria-label': 'Filter events', onsubmit: (event) => { event.preventDefault(); pager.start(); } },
        filters.fields,
        h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'button' }, 'Apply')))),
    notice,
    player,
    list,
    pager.element);
  pager.start();
  return () => { unsubscribe(); stopClip(player); };
}
