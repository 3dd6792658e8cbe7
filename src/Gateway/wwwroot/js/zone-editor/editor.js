import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { fieldError } from '../form-fields.js';
import { latestThumbnail } from './frame-image.js';
import { clampPoint, freshId } from './geometry.js';
import { renderShapeList } from './shape-list.js';
import { createSurface } from './surface.js';

// The sensor's zones and lines, drawn on its camera's picture. Owns the model the surface and the lists share:
//   { frame: { width, height }, zones: [{ id, name, polygon }], lines: [{ id, name, a, b }],
//     selected: { kind, index } | null, draft: { kind, points } | null, expanded: Set of open point tables,
//     errors: Set of the JSON paths the gateway's last 400 named }
// and gives the sensor form the same `zones` and `lines` the API takes (read()).

const HELP = {
  idle: 'Draw a zone or a line on the picture, or drag a point to move it. Click a shape to select it.',
  zones: 'Click the corners of the zone. Click the first point again, or Finish zone, to close it (at least 3 points). Escape cancels.',
  lines: 'Click the line\'s first end (A), then its second end (B). Escape cancels.',
};

/**
 * zones, lines: the sensor's (copied, not changed); frame: { width, height }. Returns { element, groups, slots,
 * read(), setFrame(width, height), setCamera(cameraId), showErrors(errors) }: `groups.zones|lines` take the focus and aria-invalid for
 * the gateway's errors on "zones…"/"lines…", `slots.zones|lines` are their error slots.
 */
export function createZoneEditor({ zones, lines, frame }) {
  const model = {
    frame: { ...frame },
    zones: structuredClone(zones ?? []),
    lines: structuredClone(lines ?? []),
    selected: null,
    draft: null,
    expanded: new Set(),
    errors: new Set(), // JSON paths of the gateway's last 400 ("zones[0].polygon[1]"), marked in the lists
  };
  const status = h('p', { class: 'hint editor-status', 'aria-live': 'polite' }, HELP.idle);
  const drawZone = h('button', { type: 'button', class: 'button small', onclick: () => startDraft('zones') }, 'Draw zone');
  const drawLine = h('button', { type: 'button', class: 'button small', onclick: () => startDraft('lines') }, 'Draw line');
  const finish = h('button', { type: 'button', class: 'button small', hidden: true, onclick: () => finishZone() }, 'Finish zone');
  const cancel = h('button', { type: 'button', class: 'button small secondary', hidden: true, onclick: () => endDraft(HELP.idle) }, 'Cancel drawing');
  const lists = { zones: h('ul', { class: 'shape-list' }), lines: h('ul', { class: 'shape-list' }) };
  const slots = { zones: fieldError('sensor-zones-error'), lines: fieldError('sensor-lines-error') };
  const groups = {
    zones: h('section', { id: 'sensor-zones', class: 'shape-group', tabIndex: -1, 'aria-labelledby': 'sensor-zones-title', 'aria-describedby': 'sensor-zones-error' }),
    lines: h('section', { id: 'sensor-lines', class: 'shape-group', tabIndex: -1, 'aria-labelledby': 'sensor-lines-title', 'aria-describedby': 'sensor-lines-error' }),
  };

  const surface = createSurface(model, {
    select,
    addDraftPoint,
    moved: () => surface.render(),
    dragged: () => restructured(),
  });

  for (const kind of ['zones', 'lines']) {
    const title = kind === 'zones' ? 'Zones' : 'Lines';
    replace(groups[kind],
      h('div', { class: 'shape-group-header' },
        h('h3', { id: `sensor-${kind}-title` }, title),
        // The keyboard's way to a new shape: a default one, then its points typed in the table.
        h('button', { type: 'button', class: 'button small secondary', onclick: () => addDefault(kind) }, kind === 'zones' ? 'Add zone' : 'Add line')),
      slots[kind],
      lists[kind]);
  }

  const element = h('div', { class: 'zone-editor', onkeydown: (event) => { if (event.key === 'Escape' && model.draft) endDraft(HELP.idle); } },
    // The help sits under the picture: its length changes while drawing, and the picture must not move under the pointer.
    h('div', { class: 'zone-editor-canvas' },
      h('div', { class: 'button-row editor-tools' }, drawZone, drawLine, finish, cancel),
      surface.element,
      status),
    h('div', { class: 'zone-editor-lists' }, groups.zones, groups.lines));

  const actions = {
    select,
    remove: (kind, index) => {
      model[kind].splice(index, 1);
      model.selected = null;
      model.expanded.clear(); // indexes shifted
      model.errors.clear();
      restructured();
    },
    changed: () => surface.render(),
    restructured,
  };
  restructured();

  function restructured() {
    renderShapeList(lists.zones, model, 'zones', actions);
    renderShapeList(lists.lines, model, 'lines', actions);
    surface.render();
  }

  /** Selects a shape (null: none) on the picture and in the list, without rebuilding the list (focus stays). */
  function select(selected) {
    model.selected = selected;
    for (const item of element.querySelectorAll('.shape-item')) {
      item.classList.toggle('selected', selected?.kind === item.dataset.kind && selected.index === Number(item.dataset.index));
    }
    surface.render();
  }

  function startDraft(kind) {
    model.draft = { kind, points: [] };
    select(null);
    showDrafting(HELP[kind]);
    surface.focus(); // the Draw button just hid itself; without this, focus (and Escape) would fall to the page
  }

  function addDraftPoint(point, closes) {
    const { kind, points } = model.draft;
    if (closes) {
      finishZone();
      return;
    }
    const last = points.at(-1);
    if (last && last.x === point.x && last.y === point.y) return; // a double click, not a new corner
    points.push(point);
    if (kind === 'lines' && points.length === 2) {
      add('lines', { id: freshId('line', allShapes()), name: '', a: points[0], b: points[1] });
      return;
    }
    finish.disabled = !(kind === 'zones' && points.length >= 3);
    replace(status, kind === 'zones' ? `${points.length} point${points.length === 1 ? '' : 's'}. ${HELP.zones}` : `A is set. ${HELP.lines}`);
    surface.render();
  }

  function finishZone() {
    if (model.draft?.kind !== 'zones' || model.draft.points.length < 3) return;
    add('zones', { id: freshId('zone', allShapes()), name: '', polygon: model.draft.points });
  }

  /** Adds a finished shape, named after its id until the user names it, and selects it. */
  function add(kind, shape) {
    shape.name = shape.name || shape.id.replace('-', ' ').replace(/^./, (c) => c.toUpperCase());
    model[kind].push(shape);
    model.selected = { kind, index: model[kind].length - 1 };
    endDraft(`${kind === 'zones' ? 'Zone' : 'Line'} “${shape.name}” added. Rename it in the list.`);
  }

  /** A zone over the middle quarter of the frame, or a line across its middle. */
  function addDefault(kind) {
    const { width, height } = model.frame;
    const at = (x, y) => clampPoint({ x: x * width, y: y * height }, model.frame);
    if (kind === 'zones') add('zones', { id: freshId('zone', allShapes()), name: '', polygon: [at(0.25, 0.25), at(0.75, 0.25), at(0.75, 0.75), at(0.25, 0.75)] });
    else add('lines', { id: freshId('line', allShapes()), name: '', a: at(0.1, 0.5), b: at(0.9, 0.5) });
    const item = lists[kind].lastElementChild;
    item.querySelector('details').open = true;
    item.querySelector('input').focus();
  }

  function showDrafting(text) {
    drawZone.hidden = drawLine.hidden = true;
    cancel.hidden = false;
    finish.hidden = model.draft.kind !== 'zones';
    finish.disabled = true;
    replace(status, text);
    surface.render();
  }

  function endDraft(text) {
    model.draft = null;
    drawZone.hidden = drawLine.hidden = false;
    finish.hidden = cancel.hidden = true;
    replace(status, text);
    restructured();
  }

  const allShapes = () => [...model.zones, ...model.lines];

  let pictureLoads = 0;
  async function setCamera(cameraId) {
    const mine = ++pictureLoads;
    surface.showPicture(null, cameraId ? 'Loading the camera\'s latest picture…' : 'No camera chosen: zones are drawn on an empty frame.');
    try {
      const thumbnail = await latestThumbnail(cameraId);
      if (!cameraId || mine !== pictureLoads) return; // none to show, or the camera changed meanwhile
      surface.showPicture(thumbnail, thumbnail
        ? `The picture is the thumbnail of the camera's newest clip (${formatTime(thumbnail.startAt)}), stretched to the frame.`
        : 'This camera has no clip with a thumbnail yet: zones are drawn on an empty frame.');
    } catch {
      if (mine !== pictureLoads) return;
      surface.showPicture(null, 'The camera\'s latest picture could not be loaded: zones are drawn on an empty frame.');
    }
  }

  return {
    element,
    groups,
    slots,
    read: () => ({ zones: structuredClone(model.zones), lines: structuredClone(model.lines) }),
    setFrame(width, height) {
      // Points are left where they are: the gateway reports any outside a smaller frame, by name.
      if (width > 0 && height > 0) model.frame = { width, height };
      restructured();
    },
    setCamera,
    /** Marks the fields of the shapes and points the gateway's 400 named (paths → messages); {} clears the marks. */
    showErrors(errors) {
      model.errors = new Set(Object.keys(errors).filter((path) => /^(zones|lines)\[/.test(path)));
      restructured();
    },
  };
}
