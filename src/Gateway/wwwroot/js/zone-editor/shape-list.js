import { h, replace } from '../dom.js';
import { clampPoint, pointsOf, setPoint } from './geometry.js';

// The zones or the lines as a list beside the picture: everything the mouse does on the picture can be done here
// with the keyboard (rename, delete, select, swap a line's ends, type each point's pixels). Typing edits the model in
// place and redraws only the picture, so the field being typed in keeps its focus; the list itself is rebuilt only
// when shapes come or go (actions.restructured).

const NOUN = { zones: 'Zone', lines: 'Line' };

/**
 * Fills `list` (a <ul>) with the shapes of `kind` ('zones' | 'lines'). actions: select({ kind, index }),
 * remove(kind, index), changed() after an edit of a name or a point, restructured() after points came or went.
 */
export function renderShapeList(list, model, kind, actions) {
  const shapes = model[kind];
  replace(list, shapes.length === 0
    ? h('li', { class: 'empty' }, kind === 'zones' ? 'No zones yet.' : 'No lines yet.')
    : shapes.map((shape, index) => shapeItem(model, kind, index, actions)));
}

function shapeItem(model, kind, index, actions) {
  const shape = model[kind][index];
  const noun = `${NOUN[kind]} ${index + 1}`;
  const text = (key, label) => {
    const id = `shape-${kind}-${index}-${key}`;
    // Seen as "Id" beside its shape; heard (and found) as "Zone 1 Id".
    return h('div', { class: 'field' },
      h('label', { for: id }, h('span', { class: 'visually-hidden' }, `${noun} `), label),
      h('input', {
        id, value: shape[key], autocomplete: 'off', spellcheck: false, 'aria-invalid': model.errors.has(`${kind}[${index}].${key}`),
        oninput: (event) => { shape[key] = event.target.value.trim(); actions.changed(); },
      }));
  };
  const key = `${kind}:${index}`;
  return h('li', {
    class: `shape-item${model.selected?.kind === kind && model.selected.index === index ? ' selected' : ''}${hasError(model, `${kind}[${index}]`) ? ' invalid' : ''}`,
    'data-kind': kind, 'data-index': index,
    // Working on a shape's fields selects it, so the picture shows which one is being edited.
    onfocusin: () => actions.select({ kind, index }),
  },
  h('div', { class: 'shape-fields' }, text('id', 'Id'), text('name', 'Name')),
  h('div', { class: 'button-row' },
    kind === 'lines'
      ? h('button', {
        type: 'button', class: 'button small secondary', 'aria-label': `Swap the ends of ${noun.toLowerCase()}`,
        onclick: () => { [shape.a, shape.b] = [shape.b, shape.a]; actions.restructured(); },
      }, 'Swap A and B')
      : null,
    h('button', {
      type: 'button', class: 'button small danger', 'aria-label': `Delete ${noun.toLowerCase()}`,
      onclick: () => actions.remove(kind, index),
    }, 'Delete')),
  h('details', {
    // Open where the gateway named a point, so the marked field is in view.
    class: 'point-table', open: model.expanded.has(key) || (kind === 'zones' ? ['polygon'] : ['a', 'b']).some((part) => hasError(model, `${kind}[${index}].${part}`)),
    ontoggle: (event) => { if (event.target.open) model.expanded.add(key); else model.expanded.delete(key); },
  },
  h('summary', {}, `Points (${pointsOf(shape).length}), in frame pixels`),
  pointTable(model, kind, index, noun, actions)));
}

function pointTable(model, kind, index, noun, actions) {
  const shape = model[kind][index];
  const points = pointsOf(shape);
  const name = (point) => (kind === 'lines' ? (point === 0 ? 'a' : 'b') : String(point + 1));
  // The JSON path the gateway's errors use for the point (0-based, where the table counts from 1).
  const pathOf = (point) => (kind === 'lines' ? `lines[${index}].${name(point)}` : `zones[${index}].polygon[${point}]`);
  const coordinate = (point, axis) => h('input', {
    type: 'number', min: '0', max: String(axis === 'x' ? model.frame.width : model.frame.height), step: '1', inputMode: 'numeric',
    value: points[point][axis], 'aria-label': `${noun} point ${name(point)} ${axis}`, 'aria-invalid': model.errors.has(pathOf(point)),
    onchange: (event) => {
      const moved = clampPoint({ ...points[point], [axis]: event.target.value }, model.frame);
      setPoint(shape, point, moved);
      event.target.value = moved[axis]; // show the clamped value
      actions.changed();
    },
  });
  // A zone keeps at least 3 points (the gateway's rule); a new point goes halfway to the next one.
  const canRemove = kind === 'zones' && points.length > 3;
  return h('table', { class: 'points' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Point'), h('th', { scope: 'col' }, 'x'), h('th', { scope: 'col' }, 'y'), h('th', {}))),
    h('tbody', {}, points.map((p, point) => h('tr', {},
      h('th', { scope: 'row' }, name(point)),
      h('td', {}, coordinate(point, 'x')),
      h('td', {}, coordinate(point, 'y')),
      h('td', {}, kind === 'zones'
        ? [
          h('button', {
            type: 'button', class: 'button small secondary', 'aria-label': `Add a point after point ${name(point)} of ${noun.toLowerCase()}`,
            onclick: () => {
              const next = points[(point + 1) % points.length];
              shape.polygon.splice(point + 1, 0, clampPoint({ x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 }, model.frame));
              actions.restructured();
            },
          }, '+'),
          canRemove
            ? h('button', {
              type: 'button', class: 'button small danger', 'aria-label': `Remove point ${name(point)} of ${noun.toLowerCase()}`,
              onclick: () => { shape.polygon.splice(point, 1); actions.restructured(); },
            }, '−')
            : null,
        ]
        : null)))));
}

/** Whether the gateway reported a problem at `prefix` or below it ("zones[0]" covers "zones[0].polygon[1]"). */
function hasError(model, prefix) {
  for (const path of model.errors) {
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) return true;
  }
  return false;
}
