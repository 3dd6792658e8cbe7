import { api, listPage } from './api.js';
import { h, replace } from './dom.js';
import { fieldSet, formErrors, saveForm } from './form-fields.js';
import { problemBanner } from './problem.js';
import { actionFields, NEW_ACTIONS } from './rule-form/action-fields.js';
import { conditionFields } from './rule-form/condition-fields.js';
import { checkboxGroup, durationInput } from './rule-form/inputs.js';
import { scheduleFields } from './rule-form/schedule-fields.js';
import { rememberCameras, selectedSite } from './state.js';

// The rule editor: a form for every part of a rule (rule-form/: condition, schedule, actions), with the choices
// the selected site offers (its sensors with their zones and lines, its cameras) and the gateway's vocabulary
// (known classes, event types, alert placeholders). The server is the only validator: a 400's `errors` are keyed
// by JSON path ("condition.zoneId", "actions[0].preRoll"), and each field is registered under the path it writes,
// so every message is shown beside its input and in a summary at the top that links to it (form-fields.js).

const NEW_RULE = {
  id: '',
  name: '',
  enabled: true,
  sensorIds: [],
  condition: { type: 'object-in-zone', zoneId: '', classes: ['Person'], trigger: 'on-enter' },
  cooldown: '00:01:00',
  actions: [NEW_ACTIONS.record, NEW_ACTIONS.alert],
};

/** Renders the editor for `rule` (null: a new rule). onSaved(rule) after a successful save; onCancel() to leave. */
export async function renderRuleForm(container, rule, { onSaved, onCancel }) {
  replace(container, h('p', { class: 'muted' }, 'Loading the rule editor…'));
  const editing = rule !== null;
  const value = rule ?? NEW_RULE;
  let choices;
  try {
    choices = await loadChoices(value.sensorIds ?? []);
  } catch (error) {
    replace(container, problemBanner(error, { heading: 'The rule editor could not load' }),
      h('button', { type: 'button', class: 'button secondary', onclick: onCancel }, 'Back to the rules'));
    return;
  }

  const fields = fieldSet('rule');
  const id = h('input', { readOnly: editing, value: value.id ?? '', autocomplete: 'off', spellcheck: false });
  const name = h('input', { value: value.name ?? '', autocomplete: 'off' });
  const enabled = h('input', { type: 'checkbox', checked: value.enabled !== false });
  const cooldown = durationInput(value.cooldown ?? '00:00:00', '00:00:00');
  const minConfidence = h('input', { type: 'number', min: '0', max: '1', step: 'any', value: value.minConfidence ?? '', class: 'short' });
  const sensors = checkboxGroup('sensorIds', choices.sensors.map((s) => [s.id, `${s.name || s.id} (${s.id})`]), value.sensorIds ?? []);
  const byId = new Map(choices.sensors.map((s) => [s.id, s]));
  const condition = conditionFields(fields, { vocabulary: choices.vocabulary, sensors: () => sensors.read().map((s) => byId.get(s)).filter(Boolean) }, value.condition);
  // The zone and line choices are those of the ticked sensors.
  sensors.element.addEventListener('change', condition.refresh);
  const schedule = scheduleFields(fields, value.schedule);
  const actions = actionFields(fields, { vocabulary: choices.vocabulary, cameras: choices.cameras }, value.actions);

  const rows = [
    fields.add('id', 'Id', id, { hint: 'Letters, digits, ".", "_", "-" or ":". Cannot change later.' }),
    fields.add('name', 'Name', name),
    fields.add('enabled', 'Enabled', enabled, { class: 'checkbox' }),
    fields.add('sensorIds', 'Sensors', sensors.element, { hint: 'The sensors of the selected site whose detections the rule watches.' }),
    condition.element,
    h('div', { class: 'field-row' },
      fields.add('cooldown', 'Cooldown', cooldown.element, { hint: 'hh:mm:ss; after firing the rule stays quiet this long.' }),
      fields.add('minConfidence', 'Minimum confidence', minConfidence, { hint: 'Optional, 0 to 1. Detections below it never fire the rule.' })),
    schedule.element,
    actions.element,
  ];
  const fieldErrors = formErrors({ ...fields, title: 'The rule has problems' });
  const form = saveForm({
    noun: 'rule', collection: '/api/rules', id: value.id, name: value.name, editing, rows, read, fieldErrors, onSaved, onCancel,
  });

  replace(container, form);
  (editing ? name : id).focus();

  /** The request body; nothing is checked here, the gateway names every problem. */
  function read() {
    const body = {
      id: id.value.trim(),
      name: name.value,
      enabled: enabled.checked,
      sensorIds: sensors.read(),
      condition: condition.read(),
      schedule: schedule.read(),
      cooldown: cooldown.read(),
      minConfidence: minConfidence.value === '' ? undefined : Number(minConfidence.value),
      actions: actions.read(),
    };
    return { body, errors: {} };
  }
}

/**
 * What the form offers: the vocabulary, the selected site's sensors (with zones and lines) and cameras. Sensors of
 * the rule that the site listing lacks (another site's, when all sites are not selected) are read one by one, so
 * their zones are still offered; one that cannot be read stays a choice by id.
 */
async function loadChoices(ruleSensorIds) {
  const siteId = selectedSite();
  const [vocabulary, sensorPage, cameraPage] = await Promise.all([
    api('/api/rule-vocabulary'),
    listPage('/api/sensors', { siteId, limit: 500 }),
    listPage('/api/cameras', { siteId, limit: 500 }),
  ]);
  const sensors = sensorPage.items;
  const missing = ruleSensorIds.filter((id) => !sensors.some((s) => s.id === id));
  const found = await Promise.all(missing.map((id) => api(`/api/sensors/${encodeURIComponent(id)}`).catch(() => null)));
  rememberCameras(cameraPage.items);
  return { vocabulary, sensors: [...sensors, ...found.filter(Boolean)], cameras: cameraPage.items };
}
