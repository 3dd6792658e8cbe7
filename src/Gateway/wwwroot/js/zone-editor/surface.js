import { h, replace } from '../dom.js';
import { arrowHead, crossingArrow, labelPoint, setPoint, toFrame } from './geometry.js';
import { pointList, s } from './svg.js';

// The drawing surface: the camera's picture with the zones and lines on top, in an SVG whose viewBox is the sensor's
// frame, so shapes are drawn in frame pixels and the browser scales them. The box has the frame's aspect ratio and
// the picture is stretched to fill it (object-fit: fill), as DeepStream's streammux scales camera frames to its
// width × height without padding by default. Sizes meant for the eye (handles, arrows, text) are given in screen
// pixels times `unit`, the frame pixels per screen pixel, recomputed when the box is resized.

const HANDLE = 7; // screen pixels: a handle's radius, and how near the first point a click closes a zone
const ARROW = 44;

/**
 * model: { frame, zones, lines, selected, draft } (see editor.js); actions: select(kind, index), addDraftPoint(p),
 * moved() during a drag, dragged() at its end. Returns { element, render(), showPicture(thumbnail, note), focus() }.
 */
export function createSurface(model, actions) {
  const picture = h('img', { class: 'frame-picture', alt: '', hidden: true, draggable: false });
  // Focusable from script only: drawing focuses it, so that Escape (handled by the editor) reaches it.
  const svg = s('svg', { class: 'frame-shapes', role: 'img', 'aria-label': 'Zones and lines, drawn on the picture', tabindex: -1 });
  const note = h('p', { class: 'frame-note muted' });
  const box = h('div', { class: 'frame-box' }, picture, svg);
  const element = h('div', { class: 'frame-surface' }, box, note);
  let unit = 1;
  let drag = null; // { kind, index, point }
  let hover = null; // the pointer's frame point while drawing, for the rubber band

  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const point = toFrame(event.clientX, event.clientY, svg.getBoundingClientRect(), model.frame);
    if (model.draft) {
      actions.addDraftPoint(point, closesZone(point));
      return;
    }
    const target = event.target.closest('[data-kind]');
    if (!target) {
      actions.select(null);
      return;
    }
    const kind = target.dataset.kind;
    const index = Number(target.dataset.index);
    actions.select({ kind, index });
    if (target.dataset.point !== undefined) {
      drag = { kind, index, point: Number(target.dataset.point) };
      svg.setPointerCapture(event.pointerId);
    }
  });
  svg.addEventListener('pointermove', (event) => {
    const point = toFrame(event.clientX, event.clientY, svg.getBoundingClientRect(), model.frame);
    if (drag) {
      setPoint(model[drag.kind][drag.index], drag.point, point);
      actions.moved();
    } else if (model.draft) {
      hover = point;
      render();
    }
  });
  const endDrag = () => {
    if (!drag) return;
    drag = null;
    actions.dragged();
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);
  svg.addEventListener('pointerleave', () => { if (hover) { hover = null; render(); } });
  new ResizeObserver(() => render()).observe(box);

  /** A click on (or next to) the first point of a zone being drawn, once it has 3 points, closes it. */
  function closesZone(point) {
    const points = model.draft.points;
    if (model.draft.kind !== 'zones' || points.length < 3) return false;
    return Math.hypot(point.x - points[0].x, point.y - points[0].y) <= HANDLE * 1.5 * unit;
  }

  function render() {
    const { width, height } = model.frame;
    box.style.aspectRatio = `${width} / ${height}`;
    // Tall frames would push the form off screen: cap the height, and the width with it to keep the ratio.
    box.style.maxWidth = `calc(65vh * ${width / height})`;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.classList.toggle('drawing', Boolean(model.draft));
    unit = svg.clientWidth > 0 ? width / svg.clientWidth : 1;
    replace(svg,
      model.zones.map((zone, index) => zoneShape(zone, index)),
      model.lines.map((line, index) => lineShape(line, index)),
      model.draft ? draftShape(model.draft) : null);
  }

  const isSelected = (kind, index) => model.selected?.kind === kind && model.selected.index === index;

  function zoneShape(zone, index) {
    const selected = isSelected('zones', index);
    const at = zone.polygon.length ? labelPoint(zone.polygon) : null;
    return s('g', { class: `shape zone${selected ? ' selected' : ''}` },
      s('polygon', { points: pointList(zone.polygon), 'data-kind': 'zones', 'data-index': index }),
      at ? label(at, zone.name || zone.id) : null,
      zone.polygon.map((p, point) => handle(p, 'zones', index, point, selected)));
  }

  function lineShape(line, index) {
    const selected = isSelected('lines', index);
    const arrow = crossingArrow(line.a, line.b, ARROW * unit);
    return s('g', { class: `shape line${selected ? ' selected' : ''}` },
      s('line', { x1: line.a.x, y1: line.a.y, x2: line.b.x, y2: line.b.y, 'data-kind': 'lines', 'data-index': index }),
      arrow ? s('g', { class: 'crossing-arrow' },
        s('line', { x1: arrow.from.x, y1: arrow.from.y, x2: arrow.to.x, y2: arrow.to.y }),
        s('polygon', { points: pointList(arrowHead(arrow.from, arrow.to, 10 * unit)) }),
        label(beyond(arrow.from, arrow.to, 12 * unit), 'a-to-b', 'arrow-label')) : null,
      label(beyond(line.b, line.a, 12 * unit), 'A', 'end-label'),
      label(beyond(line.a, line.b, 12 * unit), 'B', 'end-label'),
      label({ x: (line.a.x + line.b.x) / 2, y: (line.a.y + line.b.y) / 2 - 14 * unit }, line.name || line.id),
      [line.a, line.b].map((p, point) => handle(p, 'lines', index, point, selected)));
  }

  function draftShape(draft) {
    const points = hover ? [...draft.points, hover] : draft.points;
    const closable = draft.kind === 'zones' && draft.points.length >= 3;
    return s('g', { class: 'shape draft' },
      s('polyline', { points: pointList(points) }),
      draft.points.map((p, i) => s('circle', {
        class: `handle${i === 0 && closable ? ' first' : ''}`, cx: p.x, cy: p.y, r: (i === 0 && closable ? 1.5 : 1) * HANDLE * unit,
      })));
  }

  function handle(p, kind, index, point, selected) {
    return s('circle', {
      class: 'handle', cx: p.x, cy: p.y, r: (selected ? HANDLE : HANDLE * 0.7) * unit,
      'data-kind': kind, 'data-index': index, 'data-point': point,
    });
  }

  function label(at, text, extra = '') {
    return s('text', { x: at.x, y: at.y, class: `shape-label ${extra}`.trim(), 'font-size': 13 * unit }, text);
  }

  /** A point `distance` past `to` on the way from `from`: where an end's letter or the arrow's word sits. */
  function beyond(from, to, distance) {
    const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    return { x: to.x + ((to.x - from.x) / length) * distance, y: to.y + ((to.y - from.y) / length) * distance };
  }

  /** Shows the camera picture (thumbnail { url, startAt }) or, with null, a grid; `text` says which under the box. */
  function showPicture(thumbnail, text) {
    picture.hidden = !thumbnail;
    box.classList.toggle('no-picture', !thumbnail);
    if (thumbnail) picture.src = thumbnail.url;
    else picture.removeAttribute('src');
    replace(note, text);
  }

  return { element, render, showPicture, focus: () => svg.focus({ preventScroll: true }) };
}
