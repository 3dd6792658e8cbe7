import { listPage, withQuery } from '../api.js';
import { cameraSelect } from '../camera-select.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatSeconds, formatTime } from '../format.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { cameraName, selectedSite } from '../state.js';

// Recorded clips as thumbnails, newest first, and a player. The player streams through the gateway
// (`?proxy=true`, with Range support) so the video stays same-origin and the session cookie authorizes it; the
// download link uses the plain content URL, which redirects to a short-lived presigned object-store URL.

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
    play(player, clip, sessionId ? 0 : (at - Date.parse(clip.startAt)) / 1000);
  } catch (error) {
    replace(notice, problemBanner(error, { heading: 'The clip could not be found' }));
  }
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
      h('span', { class: 'muted' }, `${formatSeconds(clip.durationSeconds)} · ${formatBytes(clip.sizeBytes)} · ${clip.container}`),
      rulesOf(clip) ? h('span', { class: 'muted' }, rulesOf(clip)) : null));
}

/** The rules whose triggers opened or extended the clip's recording, or '' for a manual one. */
function rulesOf(clip) {
  const rules = clip.ruleIds?.length ? clip.ruleIds : [clip.ruleId].filter(Boolean);
  return rules.length ? `${rules.length > 1 ? 'rules' : 'rule'} ${rules.join(', ')}` : '';
}

/** Plays the clip; `from` (seconds into it) is the moment the user came for, marked with a button to go back to. */
function play(player, clip, from = 0) {
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
  const seek = () => { video.currentTime = from; };
  if (from > 0) video.addEventListener('loadedmetadata', seek, { once: true });
  const moment = from > 0
    ? h('p', { class: 'moment' }, `The event is ${formatSeconds(from)} into the clip. `,
      h('button', { type: 'button', class: 'button small secondary', onclick: () => { seek(); void video.play(); } }, 'Play from the event'))
    : null;
  replace(player,
    h('div', { class: 'player-header' }, title,
      h('button', { type: 'button', class: 'button secondary', onclick: () => stop(player) }, 'Close player')),
    video,
    moment,
    failure,
    h('p', { class: 'muted' },
      `${formatSeconds(clip.durationSeconds)} · ${formatBytes(clip.sizeBytes)}`,
      rulesOf(clip) ? ` · ${rulesOf(clip)}` : '', clip.sensorId ? ` · sensor ${clip.sensorId}` : '', ' · ',
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
