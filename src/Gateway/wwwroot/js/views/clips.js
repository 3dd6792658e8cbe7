import { listPage, withQuery } from '../api.js';
import { cameraSelect } from '../camera-select.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatSeconds, formatTime } from '../format.js';
import { createPager } from '../pager.js';
import { cameraName, selectedSite } from '../state.js';

// Recorded clips as thumbnails, newest first, and a player. The player streams through the gateway
// (`?proxy=true`, with Range support) so the video stays same-origin and the session cookie authorizes it; the
// download link uses the plain content URL, which redirects to a short-lived presigned object-store URL.

export function renderClips(container, params) {
  const camera = cameraSelect('clips-camera', params.get('cameraId') ?? '');
  const grid = h('ul', { class: 'clip-grid', 'aria-label': 'Clips, newest first' });
  const player = h('section', { class: 'card player', 'aria-labelledby': 'player-title', hidden: true });

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
    player,
    grid,
    pager.element);
  pager.start();
  return () => stop(player);
}

function clipCard(clip, onPlay) {
  const label = `${cameraName(clip.cameraId)}, ${formatTime(clip.startAt)}`;
  const thumbnail = clip.thumbnailUrl
    ? h('img', { class: 'thumbnail', src: clip.thumbnailUrl, alt: `Thumbnail of the clip from ${label}`, loading: 'lazy', width: 320, height: 180 })
    : h('div', { class: 'thumbnail placeholder', role: 'img', 'aria-label': 'No thumbnail' }, 'No thumbnail');
  return h('li', { class: 'clip-card', 'data-clip-id': clip.id },
    h('button', { type: 'button', class: 'clip-open', 'aria-label': `Play clip from ${label}`, onclick: onPlay },
      thumbnail, h('span', { class: 'play-icon', 'aria-hidden': 'true' }, '▶')),
    h('div', { class: 'clip-meta' },
      h('strong', {}, cameraName(clip.cameraId)),
      h('time', { dateTime: clip.startAt }, formatTime(clip.startAt)),
      h('span', { class: 'muted' }, `${formatSeconds(clip.durationSeconds)} · ${formatBytes(clip.sizeBytes)} · ${clip.container}`)));
}

function play(player, clip) {
  stop(player);
  const title = h('h2', { id: 'player-title', tabIndex: -1 }, `${cameraName(clip.cameraId)} · ${formatTime(clip.startAt)}`);
  const video = h('video', {
    id: 'clip-video', controls: true, autoplay: true, muted: true, playsInline: true, preload: 'auto',
    src: withQuery(clip.contentUrl, { proxy: true }), 'aria-label': `Clip from ${cameraName(clip.cameraId)}`,
  });
  const failure = h('p', { class: 'problem', role: 'alert', hidden: true });
  video.addEventListener('error', () => {
    failure.hidden = false;
    replace(failure, 'The clip cannot be played here. It may have been deleted by retention; try the download link.');
  });
  replace(player,
    h('div', { class: 'player-header' }, title,
      h('button', { type: 'button', class: 'button secondary', onclick: () => stop(player) }, 'Close player')),
    video,
    failure,
    h('p', { class: 'muted' },
      `${formatSeconds(clip.durationSeconds)} · ${formatBytes(clip.sizeBytes)}`,
      clip.ruleId ? ` · rule ${clip.ruleId}` : '', clip.sensorId ? ` · sensor ${clip.sensorId}` : '', ' · ',
      h('a', { href: clip.contentUrl, download: `${clip.id}.${clip.container}` }, 'Download')));
  player.hidden = false;
  player.scrollIntoView({ block: 'start' });
  title.focus({ preventScroll: true });
}

function stop(player) {
  // Detach the source so the browser closes the stream instead of buffering a clip nobody watches.
  const video = player.querySelector('video');
  if (video) {
    video.pause();
    video.removeAttribute('src');
    video.load();
  }
  replace(player);
  player.hidden = true;
}
