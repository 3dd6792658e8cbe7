import { h } from './dom.js';
import { formatSeconds } from './format.js';

// A bar under the video showing how far it has played and where the moment that triggered the clip is: a marker
// that seeks there. The video's own controls stay for everything else; they cannot mark a moment.

/** `markerAt`: seconds into the clip (null: no marker); `fallbackDuration` until the video knows its own. */
export function scrubBar(video, { markerAt = null, fallbackDuration = 0 } = {}) {
  const duration = () => (Number.isFinite(video.duration) && video.duration > 0 ? video.duration : fallbackDuration);
  const percent = (seconds) => `${Math.min(100, Math.max(0, (seconds / duration()) * 100))}%`;
  const seek = (seconds) => { video.currentTime = Math.min(Math.max(0, seconds), duration()); };

  const progress = h('div', { class: 'scrub-progress', 'aria-hidden': 'true' });
  const marker = markerAt === null ? null : h('button', {
    type: 'button', class: 'scrub-marker', title: `The event, ${formatSeconds(markerAt)} into the clip`,
    'aria-label': `Jump to the event, ${formatSeconds(markerAt)} into the clip`,
    onclick: (event) => { event.stopPropagation(); seek(markerAt); },
  });
  // Clicking the bar seeks (a pointer convenience; keyboards have the video's controls and the marker button).
  const bar = h('div', {
    class: 'scrub', onclick: (event) => {
      const box = bar.getBoundingClientRect();
      if (box.width > 0 && duration()) seek(((event.clientX - box.left) / box.width) * duration());
    },
  }, progress, marker);

  const layout = () => {
    if (!duration()) return;
    progress.style.width = percent(video.currentTime);
    if (marker) marker.style.left = percent(markerAt);
  };
  for (const name of ['timeupdate', 'durationchange', 'loadedmetadata', 'seeked']) video.addEventListener(name, layout);
  layout();
  return bar;
}
