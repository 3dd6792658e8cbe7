import { withQuery } from './api.js';
import { h, replace } from './dom.js';
import { formatBytes, formatSeconds, formatTime } from './format.js';
import { scrubBar } from './scrub-bar.js';
import { shareLink } from './share-link.js';
import { cameraName } from './state.js';

// The clip player of the clips and events views. It streams through the gateway (`?proxy=true`, with Range
// support) so the video stays same-origin and the session cookie authorizes it; Download asks for the content as
// an attachment (a redirect to a presigned object-store URL), Share for a presigned link of its own.

/** The rules whose triggers opened or extended the clip's recording, or '' for a manual one. */
export function rulesOf(clip) {
  const rules = clip.ruleIds?.length ? clip.ruleIds : [clip.ruleId].filter(Boolean);
  return rules.length ? `${rules.length > 1 ? 'rules' : 'rule'} ${rules.join(', ')}` : '';
}

/**
 * Plays `clip` in the `player` section. `from`: seconds into it of the moment the user came for (the event),
 * marked on the bar under the video. `nav`: { label, onPrevious, onNext } to step through a list (a null handler
 * disables its button). `tools`: more controls beside Download and Share (the event's reviewed toggle).
 */
export function playClip(player, clip, { from = 0, nav = null, tools = null } = {}) {
  stopClip(player);
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
  const share = shareLink(clip);
  replace(player,
    h('div', { class: 'player-header' }, title,
      h('button', { type: 'button', class: 'button secondary', onclick: () => stopClip(player) }, 'Close player')),
    video,
    scrubBar(video, { markerAt: from > 0 ? from : null, fallbackDuration: clip.durationSeconds ?? 0 }),
    moment,
    failure,
    h('div', { class: 'player-tools' },
      nav ? navigation(nav) : null,
      h('div', { class: 'button-row' },
        tools,
        h('a', { class: 'button small secondary', href: withQuery(clip.contentUrl, { download: true }), download: `${clip.id}.${clip.container}` }, 'Download'),
        share.button)),
    share.panel,
    h('p', { class: 'muted' },
      `${formatSeconds(clip.durationSeconds)} · ${formatBytes(clip.sizeBytes)}`,
      rulesOf(clip) ? ` · ${rulesOf(clip)}` : '', clip.sensorId ? ` · sensor ${clip.sensorId}` : ''));
  player.hidden = false;
  player.scrollIntoView({ block: 'start' });
  title.focus({ preventScroll: true });
}

function navigation({ label, onPrevious, onNext }) {
  return h('div', { class: 'button-row player-nav', role: 'group', 'aria-label': 'Events' },
    h('button', { type: 'button', class: 'button small secondary', 'aria-label': 'Previous event', disabled: !onPrevious, onclick: () => onPrevious?.() }, '← Previous'),
    h('span', { class: 'muted nav-position' }, label),
    h('button', { type: 'button', class: 'button small secondary', 'aria-label': 'Next event', disabled: !onNext, onclick: () => onNext?.() }, 'Next →'));
}

export function stopClip(player) {
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
