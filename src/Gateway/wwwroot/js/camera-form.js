import { listPage } from './api.js';
import { h, replace } from './dom.js';
import { fieldSet, formErrors, saveForm } from './form-fields.js';
import { problemBanner } from './problem.js';
import { numberInput, selectInput } from './rule-form/inputs.js';
import { selectedSite, state } from './state.js';

// The editor of a camera (POST /api/cameras, PUT /api/cameras/{id}): where its video comes from, the edge agent of
// its site that records it with which RTSP credentials, continuous recording, and the recorder's finer settings in a
// fold. The RTSP password is write-only: the form never holds the stored one, an empty field keeps it and "Remove
// the stored password" sends "" (the API's way to remove it). PUT replaces every setting, so every one is a field.

const NEW_CAMERA = { id: '', name: '', siteId: null, sourceUrl: '', agentId: null, rtspUsername: '', hasRtspPassword: false, continuous: false };
/** Settings most cameras keep at the agent's defaults: folded away, opened when a 400 names one of them. */
const ADVANCED = ['container', 'cacheSeconds', 'cacheBytes', 'segmentSeconds', 'continuousRetentionDays', 'continuousRetentionBytes'];

/** The editor for `camera` (null: a new one). onSaved(camera) after a successful save; onCancel() to leave. */
export function renderCameraForm(container, camera, { onSaved, onCancel, edgeState = null }) {
  const editing = camera !== null;
  const scoped = state.caller?.siteId;
  const value = camera ?? { ...NEW_CAMERA, siteId: scoped ?? (selectedSite() || null) };
  const sites = value.siteId && !state.sites.some((s) => s.id === value.siteId) ? [...state.sites, { id: value.siteId, name: value.siteId }] : state.sites;
  const fields = fieldSet('camera');
  const numbers = {
    retentionDays: numberInput(value.retentionDays, 1),
    retentionBytes: numberInput(value.retentionBytes, 1),
    cacheSeconds: numberInput(value.cacheSeconds, 1, 'any'),
    cacheBytes: numberInput(value.cacheBytes, 1),
    segmentSeconds: numberInput(value.segmentSeconds, 1, 'any'),
    continuousRetentionDays: numberInput(value.continuousRetentionDays, 1),
    continuousRetentionBytes: numberInput(value.continuousRetentionBytes, 1),
  };
  const id = h('input', { readOnly: editing, value: value.id, autocomplete: 'off', spellcheck: false });
  const name = h('input', { value: value.name, autocomplete: 'off' });
  const siteId = h('select', { disabled: Boolean(scoped), onchange: () => void showAgents() },
    scoped ? null : h('option', { value: '' }, 'No site'),
    sites.map((s) => h('option', { value: s.id, selected: s.id === value.siteId }, s.name)));
  const sourceUrl = h('input', { type: 'url', value: value.sourceUrl ?? '', autocomplete: 'off', spellcheck: false, placeholder: 'rtsp://192.168.1.20:554/stream1' });
  // Until the site's agents are listed, the camera's own agent is the choice, so an early save keeps it.
  const agentId = h('select', {}, h('option', { value: '' }, 'None'),
    value.agentId ? h('option', { value: value.agentId, selected: true }, value.agentId) : null);
  const rtspUsername = h('input', { value: value.rtspUsername ?? '', autocomplete: 'off', spellcheck: false });
  const rtspPassword = h('input', { type: 'password', autocomplete: 'new-password', placeholder: value.hasRtspPassword ? 'unchanged' : '' });
  const removePassword = h('input', { type: 'checkbox', id: 'camera-remove-password', onchange: () => {
    rtspPassword.disabled = removePassword.checked;
    if (removePassword.checked) rtspPassword.value = '';
  } });
  const continuous = h('input', { type: 'checkbox', role: 'switch', checked: value.continuous });
  const deviceSensorId = h('input', { value: value.deviceSensorId ?? '', autocomplete: 'off', spellcheck: false });
  const clipContainer = selectInput([['', 'Default (mp4)'], ['mp4', 'mp4'], ['mkv', 'mkv']], value.container ?? '');

  const advanced = h('details', { class: 'camera-advanced' },
    h('summary', {}, 'Advanced recorder settings'),
    h('div', { class: 'field-row' },
      fields.add('container', 'Clip container', clipContainer.element, { hint: 'mkv stores codecs mp4 cannot (for instance PCM audio).' }),
      fields.add('segmentSeconds', 'Segment seconds', numbers.segmentSeconds.element, { hint: '1 to 60; default 2.' }),
      fields.add('cacheSeconds', 'Cache seconds', numbers.cacheSeconds.element, { hint: 'How far back a clip can start; default 30.' }),
      fields.add('cacheBytes', 'Cache bytes', numbers.cacheBytes.element, { hint: 'At least 16777216 (16 MiB); default 1 GiB.' })),
    h('div', { class: 'field-row' },
      fields.add('continuousRetentionDays', 'Continuous retention days', numbers.continuousRetentionDays.element, { hint: 'Blank: the gateway’s default.' }),
      fields.add('continuousRetentionBytes', 'Continuous retention bytes', numbers.continuousRetentionBytes.element, { hint: 'Blank: no byte budget.' })));

  const rows = [
    h('div', { class: 'field-row' },
      fields.add('id', 'Id', id, { hint: 'Letters, digits, ".", "_", "-" or ":". Cannot change later.' }),
      fields.add('name', 'Name', name),
      fields.add('siteId', 'Site', siteId)),
    fields.add('sourceUrl', 'Source URL', sourceUrl, {
      hint: 'rtsp://host[:port]/path, without user name or password: the URL is shown to every viewer, the password never is.',
    }),
    fields.add('agentId', 'Edge agent', agentId, { hint: 'The agent of the camera’s site that records it (see Agents).' }),
    h('div', { class: 'field-row' },
      fields.add('rtspUsername', 'RTSP user name', rtspUsername),
      h('div', {},
        fields.add('rtspPassword', 'RTSP password', rtspPassword, {
          hint: value.hasRtspPassword ? 'A password is stored; it is never shown. Leave blank to keep it.' : 'Sealed for the edge agent; never shown again.',
        }),
        value.hasRtspPassword
          ? h('div', { class: 'field checkbox' }, removePassword, h('label', { for: removePassword.id }, 'Remove the stored password'))
          : null)),
    fields.add('continuous', 'Continuous recording', continuous, {
      class: 'checkbox', hint: 'The agent uploads every segment, not only clips around events.',
    }),
    h('div', { class: 'field-row' },
      fields.add('retentionDays', 'Clip retention days', numbers.retentionDays.element, { hint: 'Blank: keep clips.' }),
      fields.add('retentionBytes', 'Clip retention bytes', numbers.retentionBytes.element, { hint: 'Blank: no byte budget.' }),
      fields.add('deviceSensorId', 'DeepStream sensor id', deviceSensorId, { hint: 'Blank: the camera id.' })),
    advanced,
  ];
  const errors = formErrors({ ...fields, title: 'The camera has problems' });
  // A message inside the closed fold would be unseen: open it first.
  const fieldErrors = {
    ...errors,
    show: (found, title) => {
      if (Object.keys(found).some((path) => ADVANCED.some((key) => path === key || path.startsWith(`${key}.`)))) advanced.open = true;
      errors.show(found, title);
    },
  };
  const problem = h('div');
  const form = saveForm({
    noun: 'camera', collection: '/api/cameras', id: value.id, name: value.name, editing, read, fieldErrors, onSaved, onCancel, problem,
    rows: [edgeState, rows],
  });

  replace(container, form);
  (editing ? name : id).focus();
  let agentLoads = 0;
  void showAgents();

  /** The agents of the chosen site, "None" first; the chosen one stays chosen if the site has it, the camera's own stays a choice. */
  async function showAgents() {
    const mine = ++agentLoads;
    let agents = [];
    try {
      agents = siteId.value ? await siteAgents(siteId.value) : []; // an agent records cameras of its own site only
    } catch (error) {
      if (mine === agentLoads) replace(problem, problemBanner(error, { heading: 'The edge agents could not be listed' }));
    }
    if (mine !== agentLoads) return; // the site changed again meanwhile
    const chosen = agentId.value; // read now: the user may have chosen while the list loaded
    const unlisted = value.agentId && !agents.some((a) => a.id === value.agentId) && siteId.value === value.siteId;
    replace(agentId,
      h('option', { value: '' }, 'None'),
      agents.map((a) => h('option', { value: a.id, selected: a.id === chosen }, `${a.name} (${a.id})${a.online ? '' : ', offline'}`)),
      unlisted ? h('option', { value: value.agentId, selected: value.agentId === chosen }, value.agentId) : null);
  }

  /** The request body, and the number fields that cannot be read (reported like server errors, before sending). */
  function read() {
    const found = {};
    const number = (key) => {
      if (numbers[key].element.validity.badInput) found[key] = ['Must be a number.'];
      return numbers[key].read() ?? null;
    };
    const password = removePassword.checked ? '' : rtspPassword.value || null;
    const body = {
      id: id.value.trim(),
      siteId: siteId.value || null,
      name: name.value.trim(),
      sourceUrl: sourceUrl.value.trim() || null,
      deviceSensorId: deviceSensorId.value.trim() || null,
      agentId: agentId.value || null,
      rtspUsername: rtspUsername.value.trim() || null,
      // null keeps the stored password (PUT), "" removes it.
      rtspPassword: password,
      continuous: continuous.checked,
      container: clipContainer.read() || null,
      ...Object.fromEntries(Object.keys(numbers).map((key) => [key, number(key)])),
    };
    return { body, errors: found };
  }
}

/** The edge agents of `siteId`, for the camera's "Edge agent" choice. */
async function siteAgents(siteId) {
  const { items } = await listPage('/api/agents', { siteId, limit: 500 });
  return items;
}
