import { h } from './dom.js';

// One day of a camera's continuous recording as a bar: each recorded span a block at its place in the day (the
// browser's local day), gaps left empty. Clicking a block picks that moment. Pure drawing: no requests.

const DAY_MS = 24 * 3600 * 1000;

/**
 * @param dayStart  the local midnight the bar starts at (a Date)
 * @param spans     [{ start, end }] ISO instants, as GET …/continuous/spans answers
 * @param onPick    called with the Date of the clicked moment
 */
export function dayBar(dayStart, spans, onPick) {
  const bar = h('div', { class: 'continuous-day', role: 'img', 'aria-label': `${spans.length} recorded spans on this day` });
  for (const span of spans) {
    const from = Math.max(0, new Date(span.start) - dayStart);
    const to = Math.min(DAY_MS, new Date(span.end) - dayStart);
    if (to <= from) continue;
    bar.append(h('span', {
      class: 'continuous-span',
      style: `left: ${(100 * from / DAY_MS).toFixed(3)}%; width: max(2px, ${(100 * (to - from) / DAY_MS).toFixed(3)}%)`,
      title: `${new Date(span.start).toLocaleTimeString()} – ${new Date(span.end).toLocaleTimeString()}`,
    }));
  }
  bar.addEventListener('click', (event) => {
    const box = bar.getBoundingClientRect();
    onPick(new Date(dayStart.getTime() + DAY_MS * Math.min(1, Math.max(0, (event.clientX - box.left) / box.width))));
  });
  const hours = h('div', { class: 'continuous-hours', 'aria-hidden': 'true' },
    [0, 6, 12, 18, 24].map((hour) => h('span', { style: `left: ${(100 * hour / 24).toFixed(3)}%` }, `${String(hour).padStart(2, '0')}:00`)));
  return h('div', { class: 'continuous-day-wrap' }, bar, hours);
}
