import Hls from '../../lib/hls.js/hls.light.min.mjs';
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { cameraName } from '../state.js';

// One camera live (#/live?cameraId=…). The page is one viewer: it watches through POST /api/cameras/{id}/live and
// renews as the answer says; the camera grain starts the edge stream for the first viewer and stops it after the
// last. Leaving the view, or closing the tab (pagehide → sendBeacon), says so at once; a tab that just vanishes
// stops renewing and counts as gone after the grain's viewer timeout. hls.js (npm, served from /lib) plays the
// gateway-proxied playlist; Safari plays HLS itself.

const STARTING_POLL_MILLISECONDS = 1000;
const RETRY_MILLISECONDS = 5000;

const LABELS = { starting: 'Starting…', live: 'Live', reconnecting: 'Reconnecting…', unavailable: 'Stopped', error: 'Stopped' };

export function renderLive(container, params) {
  const cameraId = params.get('cameraId') ?? '';
  const base = `/api/cameras/${encodeURIComponent(cameraId)}/live`;
  const viewerId = crypto.randomUUID().replaceAll('-', '');
  const video = h('video', { class: 'live-video', muted: true, autoplay: true, playsInline: true, controls: true, 'aria-label': `${cameraName(cameraId)} live` });
  const badge = h('span', { class: 'badge' });
  const reason = h('span', { class: 'muted' });
  const behind = h('span', { class: 'muted live-behind' });
  const status = h('p', { class: 'live-status', 'aria-live': 'polite' }, badge, ' ', reason, ' ', behind);
  let player = null;
  let playlistUrl = null;
  let timer = 0;
  let left = false;

  const show = (state, why) => {
    status.dataset.state = state;
    replace(badge, LABELS[state] ?? state);
    badge.className = `badge ${state === 'live' ? 'ok' : state === 'unavailable' || state === 'error' ? 'off' : 'warn'}`;
    replace(reason, why ?? '');
  };

  const attach = (url) => {
    player?.destroy();
    player = null;
    playlistUrl = url;
    if (Hls.isSupported()) {
      // No worker: the page's CSP allows no blob: scripts, and one stream's transmuxing is light.
      player = new Hls({ enableWorker: false, liveSyncDurationCount: 2, manifestLoadingMaxRetry: 6, levelLoadingMaxRetry: 6 });
      player.on(Hls.Events.ERROR, (_, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) player.recoverMediaError();
        else playlistUrl = null; // fetched again with the next renewal
      });
      player.loadSource(url);
      player.attachMedia(video);
    } else {
      video.src = url;
    }
  };

  const watch = async () => {
    if (left) return;
    let next = RETRY_MILLISECONDS;
    try {
      const answer = await api(base, { method: 'POST', body: { viewerId } });
      if (left) return;
      show(answer.state, answer.reason);
      if (answer.state === 'live' && answer.playlistUrl !== playlistUrl) attach(answer.playlistUrl);
      if (answer.state === 'unavailable') {
        player?.destroy();
        player = null;
        playlistUrl = null;
      }
      next = answer.state === 'starting' ? STARTING_POLL_MILLISECONDS : answer.renewAfterSeconds * 1000;
    } catch (error) {
      show('error', error.message);
    }
    timer = setTimeout(watch, next);
  };

  // How far behind the wall clock the shown frame is: hls.js maps playback to the segments' program date time,
  // which the agent stamps with each frame's arrival from the camera.
  const measure = setInterval(() => {
    const shown = player?.playingDate;
    if (!shown || video.paused) return;
    const seconds = (Date.now() - shown.getTime()) / 1000;
    behind.dataset.seconds = seconds.toFixed(2);
    replace(behind, `${seconds.toFixed(1)} s behind`);
  }, 500);

  const leave = () => {
    if (left) return;
    left = true;
    navigator.sendBeacon(`${base}/leave`, new Blob([JSON.stringify({ viewerId })], { type: 'application/json' }));
  };
  window.addEventListener('pagehide', leave);

  replace(container,
    h('div', { class: 'page-header' },
      h('h1', {}, `${cameraName(cameraId)} live`),
      h('a', { class: 'button secondary', href: '#/cameras' }, 'Back to cameras')),
    status,
    h('div', { class: 'live-frame' }, video));
  show('starting');
  void watch();

  return () => {
    clearTimeout(timer);
    clearInterval(measure);
    window.removeEventListener('pagehide', leave);
    player?.destroy();
    leave();
  };
}
