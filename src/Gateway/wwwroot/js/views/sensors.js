import { api, listPage } from '../api.js';
import { confirmButton } from '../confirm-button.js';
import { h, replace } from '../dom.js';
import { field, fieldError, formErrors, saveForm } from '../form-fields.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { cameraName, canWrite, rememberCameras, selectedSite, state } from '../state.js';
import { createZoneEditor } from '../zone-editor/editor.js';

// Sensors of the selected site: the ids DeepStream reports detections under, each with the camera that sees the
// same scene, the frame its boxes are in (streammux width × height) and its zones and lines in that frame's
// pixels, drawn on the camera's latest picture (zone-editor/). The gateway checks every point against the frame, and
// its 400 names each bad one ("zones[0].polygon[1]"), shown beside Zones or Lines (form-fields.js).

const NEW_SENSOR = { id: '', name: '', cameraId: null, frameWidth: 1920, frameHeight: 1080, zones: [], lines: [] };

const FIELDS = {
  id: ['Id', 'The sensor id DeepStream reports. Letters, digits, ".", "_", "-" or ":". Cannot change later.'],
  name: ['Name'],
  siteId: ['Site'],
  cameraId: ['Camera', 'The camera that sees what the sensor sees: a rule\'s recording without a camera of its own records this one.'],
  frameWidth: ['Frame width', 'DeepStream\'s streammux width and height: the frame the boxes are in, in pixels.'],
  frameHeight: ['Frame height', 'Zone and line points must lie inside frame width × frame height.'],
};
/** Drawn in the zone editor rather than typed in a field; labelled here for the error summary. */
const SHAPE_LABELS = { zones: 'Zones', lines: 'Lines' };

export function renderSensors(container) {
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const editor = h('div');
  const body = h('tbody');
  const list = h('div', {});
  // The site's cameras, so that the list shows camera names; a failure leaves ids.
  const camerasKnown = siteCameras(selectedSite()).catch(() => []);

  const pager = createPager(
    async (cursor) => {
      await camerasKnown;
      return listPage('/api/sensors', { siteId: selectedSite() }, cursor);
    },
    (sensors, first) => {
      if (first) replace(body);
      for (const sensor of sensors) body.append(sensorRow(sensor));
    },
    { onEmpty: () => body.append(h('tr', {}, h('td', { colSpan: 6, class: 'empty' }, 'No sensors yet.'))) });

  const openEditor = (sensor) => {
    replace(notice);
    list.hidden = true;
    renderSensorForm(editor, sensor, {
      onSaved: (saved) => {
        closeEditor();
        replace(notice, h('p', { class: 'notice' }, `Sensor “${saved.name}” saved.`));
        pager.start();
      },
      onCancel: closeEditor,
    });
  };
  const closeEditor = () => {
    replace(editor);
    list.hidden = false;
  };

  function sensorRow(sensor) {
    return h('tr', { 'data-sensor-id': sensor.id },
      h('th', { scope: 'row' }, sensor.name, h('br'), h('code', { class: 'muted' }, sensor.id)),
      h('td', { 'data-label': 'Camera' }, cameraName(sensor.cameraId)),
      h('td', { 'data-label': 'Frame' }, `${sensor.frameWidth} × ${sensor.frameHeight}`),
      h('td', { 'data-label': 'Zones' }, String(sensor.zones?.length ?? 0)),
      h('td', { 'data-label': 'Lines' }, String(sensor.lines?.length ?? 0)),
      h('td', { class: 'row-actions' }, canWrite()
        ? [
          h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Edit sensor ${sensor.name}`, onclick: () => openEditor(sensor) }, 'Edit'),
          confirmButton({
            label: 'Delete', ariaLabel: `Delete sensor ${sensor.name}`, confirmAriaLabel: `Confirm: delete sensor ${sensor.name}`,
            onConfirm: async () => {
              try {
                await api(`/api/sensors/${encodeURIComponent(sensor.id)}`, { method: 'DELETE' });
                replace(notice, h('p', { class: 'notice' }, `Sensor “${sensor.name}” deleted.`));
                pager.start();
              } catch (error) {
                replace(notice, problemBanner(error, { heading: `Sensor “${sensor.name}” was not deleted` }));
              }
            },
          }),
        ]
        : null));
  }

  replace(list,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Sensors'),
      h('thead', {}, h('tr', {},
        ['Sensor', 'Camera', 'Frame', 'Zones', 'Lines', ''].map((title) => h('th', { scope: 'col' }, title)))),
      body)),
    pager.element);

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Sensors'),
      canWrite() ? h('button', { type: 'button', class: 'button', onclick: () => openEditor(null) }, 'New sensor') : null),
    notice,
    editor,
    list);
  pager.start();
}

/** The editor for `sensor` (null: a new one). onSaved(sensor) after a successful save; onCancel() to leave. */
function renderSensorForm(container, sensor, { onSaved, onCancel }) {
  const editing = sensor !== null;
  // A site-scoped caller's sensors are on its own site; others start on the selected site (or none).
  const scoped = state.caller?.siteId;
  const value = sensor ?? { ...NEW_SENSOR, siteId: scoped ?? (selectedSite() || null) };
  const sites = value.siteId && !state.sites.some((s) => s.id === value.siteId) ? [...state.sites, { id: value.siteId, name: value.siteId }] : state.sites;
  const inputs = {
    id: h('input', { readOnly: editing, value: value.id, autocomplete: 'off', spellcheck: false }),
    name: h('input', { value: value.name, autocomplete: 'off' }),
    siteId: h('select', { disabled: Boolean(scoped), onchange: () => void showCameras(null).then(showPicture) },
      scoped ? null : h('option', { value: '' }, 'No site'),
      sites.map((s) => h('option', { value: s.id, selected: s.id === value.siteId }, s.name))),
    // Until the site's cameras are listed, the sensor's own camera is the choice, so an early save keeps it.
    cameraId: h('select', { onchange: () => showPicture() }, h('option', { value: '' }, 'None'),
      value.cameraId ? h('option', { value: value.cameraId, selected: true }, cameraName(value.cameraId)) : null),
    frameWidth: h('input', { type: 'number', min: '1', step: '1', inputMode: 'numeric', value: value.frameWidth, oninput: () => showFrame() }),
    frameHeight: h('input', { type: 'number', min: '1', step: '1', inputMode: 'numeric', value: value.frameHeight, oninput: () => showFrame() }),
  };
  const shapes = createZoneEditor({ zones: value.zones, lines: value.lines, frame: { width: value.frameWidth, height: value.frameHeight } });
  const labels = { ...Object.fromEntries(Object.entries(FIELDS).map(([key, [label]]) => [key, label])), ...SHAPE_LABELS };
  const errorSlots = { ...shapes.slots };
  const formFieldErrors = formErrors({ inputs: { ...inputs, ...shapes.groups }, labels, slots: errorSlots, title: 'The sensor has problems' });
  // Besides the messages beside Zones and Lines, the editor marks the very shape and point each one names.
  const fieldErrors = {
    summary: formFieldErrors.summary,
    show: (errors, title) => { formFieldErrors.show(errors, title); shapes.showErrors(errors); },
    clear: () => { formFieldErrors.clear(); shapes.showErrors({}); },
  };
  const problem = h('div');

  const rows = Object.entries(FIELDS).map(([key, [label, hint]]) => {
    const input = inputs[key];
    input.id = `sensor-${key}`;
    input.name = key;
    errorSlots[key] = fieldError(`sensor-${key}-error`);
    return field(label, input, errorSlots[key], hint, { 'data-field': key });
  });

  const form = saveForm({
    noun: 'sensor', collection: '/api/sensors', id: value.id, name: value.name, editing, rows: [h('div', { class: 'sensor-fields' }, rows), shapes.element], read, fieldErrors, onSaved, onCancel, problem,
  });

  replace(container, form);
  inputs[editing ? 'name' : 'id'].focus();
  let cameraLoads = 0;
  void showCameras(value.cameraId);
  void shapes.setCamera(value.cameraId);

  const showPicture = () => shapes.setCamera(inputs.cameraId.value || null);
  // The picture follows the frame fields as they are typed; a blank or bad value keeps the last good frame.
  const showFrame = () => shapes.setFrame(Number(inputs.frameWidth.value), Number(inputs.frameHeight.value));

  /**
   * The cameras of the chosen site, "None" first; the chosen camera stays chosen if the site has it. `keep` (the
   * sensor's own camera) stays a choice even when it is not on the list.
   */
  async function showCameras(keep) {
    const mine = ++cameraLoads;
    let cameras = [];
    try {
      cameras = await siteCameras(inputs.siteId.value);
    } catch (error) {
      if (mine === cameraLoads) replace(problem, problemBanner(error, { heading: 'The cameras could not be listed' }));
    }
    if (mine !== cameraLoads) return; // the site changed again meanwhile
    const chosen = inputs.cameraId.value; // read now: the user may have chosen while the list loaded
    const unlisted = keep && !cameras.some((c) => c.id === keep);
    replace(inputs.cameraId,
      h('option', { value: '' }, 'None'),
      cameras.map((c) => h('option', { value: c.id, selected: c.id === chosen }, c.name)),
      unlisted ? h('option', { value: keep, selected: keep === chosen }, cameraName(keep)) : null);
  }

  /** The request body, and the fields that cannot be read (reported like server errors, before sending). */
  function read() {
    const errors = {};
    const pixels = (key) => {
      const input = inputs[key];
      if (input.validity.badInput) errors[key] = ['Must be a whole number of pixels.'];
      return input.value === '' ? undefined : Number(input.value);
    };
    const body = {
      id: inputs.id.value.trim(),
      siteId: inputs.siteId.value || null,
      cameraId: inputs.cameraId.value || null,
      name: inputs.name.value.trim(),
      frameWidth: pixels('frameWidth'),
      frameHeight: pixels('frameHeight'),
      ...shapes.read(),
    };
    return { body, errors };
  }
}

/** The cameras of `siteId` ('' for every camera the caller sees), remembered for their names. */
async function siteCameras(siteId) {
  const { items } = await listPage('/api/cameras', { siteId, limit: 500 });
  rememberCameras(items);
  return items;
}
