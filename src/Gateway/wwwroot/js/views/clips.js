import { listPage } from '../api.js';
import { cameraSelect } from '../camera-select.js';
import { playClip as play, rulesOf, stopClip as stop } from '../clip-player.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatSeconds, formatTime } from '../format.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { cameraName, selectedSite } from '../state.js';
import { thumbnail } from '../thumbnail.js';

// Recorded clips as thumbnails, newest first, and the player (clip-player.js).

export function renderClips(container, params) {
  const camera = cameraSelect('clips-camera', params.get('cameraId') ?? '');
  const grid = h('ul', { class: 'clip-grid', 'aria-label': 'Clips, newest first' });
  const player = h('section', { class: 'card player', 'aria-labelledby': 'player-title', hidden: true });
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });

  const pager = createPager(
    (cursor) => listPage('/api/clips', { siteId: selectedSite(), cameraId: camera.value }, cursor),
    (clips, first) => {
      if (first) replace(grid);
      for (const clip of clips) grid.append(clipCard(clip, () => play(player, clip)));
    },
    { onEmpty: () => grid.append(h('li', { class: 'empty' }, 'No clips yet.')) });

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Clips')),
    h('form', { class: 'filters', 'aria-label': 'Filter clips', onsubmit: (event) => { event.preventDefault(); pager.start(); } },
      h('div', { class: 'field' }, h('label', { for: camera.id }, 'Camera'), camera),
      h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'button' }, 'Apply'))),
    notice,
    player,
    grid,
    pager.element);
  pager.start();
  void openLinked(params, player, notice);
  return () => stop(player);
}

/**
 * An event's clip, when the link asked for one (from the Events view): a session's clip (?sessionId=), or the
 * camera's clip that covers a moment (?cameraId=&at=), played from that moment.
 */
async function openLinked(params, player, notice) {
  const sessionId = params.get('sessionId');
  const at = Date.parse(params.get('at') ?? '');
  if (!sessionId && Number.isNaN(at)) return;
  try {
    const query = sessionId
      ? { sessionId }
      : { cameraId: params.get('cameraId'), to: new Date(at + 1).toISOString(), limit: 20 };
    const { items } = await listPage('/api/clips', query);
    const covers = (clip) => Date.parse(clip.startAt) <= at && at <= Date.parse(clip.startAt) + (clip.durationSeconds ?? 0) * 1000;
    const clip = sessionId ? items[0] : items.find(covers);
    if (!clip) {
      replace(notice, h('p', { class: 'notice' }, sessionId
        ? 'This recording has no clip yet: the edge agent uploads it after its post-roll.'
        : 'No clip of this camera covers that moment (yet): the edge agent uploads a clip after its post-roll.'));
      return;
    }
    play(player, clip, { from: sessionId ? 0 : (at - Date.parse(clip.startAt)) / 1000 });
  } catch (error) {
    replace(notice, problemBanner(error, { heading: 'The clip could not be found' }));
  }
}

function clipCard(clip, onPlay) {
  const label = `${cameraName(clip.cameraId)}, ${formatTime(clip.startAt)}`;
  return h('li', { class: 'clip-card', 'data-clip-id': clip.id },
    h('button', { type: 'button', class: 'clip-open', 'aria-label': `Play clip from ${label}`, onclick: onPlay },
      thumbnail(clip.thumbnailUrl, `Thumbnail of the clip from ${label}`), h('span', { class: 'play-icon', 'aria-hidden': 'true' }, '▶')),
    h('div', { class: 'clip-meta' },
      h('strong', {}, cameraName(clip.cameraId)),
      h('time', { dateTime: clip.startAt }, formatTime(clip.startAt)),
      h('span', { class: 'muted' }, `${formatSeconds(clip.durationSeconds)} · ${formatBytes(clip.sizeBytes)} · ${clip.container}`),
      rulesOf(clip) ? h('span', { class: 'muted' }, rulesOf(clip)) : null));
}
