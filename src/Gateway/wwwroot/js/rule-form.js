import { h, replace } from './dom.js';
import { field, fieldError, formErrors, jsonArea, readJson, saveForm } from './form-fields.js';

// The rule editor: plain fields for the simple properties, JSON for the nested ones (condition, schedule,
// actions), so every rule the API accepts can be written here. The server is the only validator: a 400's
// `errors` are keyed by JSON path ("condition.zoneId", "actions[0].preRoll"); each message is shown beside the
// field that holds that path, and all of them in a summary at the top that links to the fields (form-fields.js).

const FIELDS = ['id', 'name', 'enabled', 'sensorIds', 'cooldown', 'minConfidence', 'condition', 'schedule', 'actions'];

const NEW_RULE = {
  id: '',
  name: '',
  enabled: true,
  sensorIds: [],
  condition: { type: 'object-in-zone', zoneId: '', classes: ['Person'], trigger: 'on-enter' },
  cooldown: '00:01:00',
  actions: [
    { type: 'record', preRoll: '00:00:05', postRoll: '00:00:10', maxSession: '00:05:00', container: 'mp4' },
    { type: 'alert', severity: 'warning', messageTemplate: '{class} in {zone} on {sensor}' },
  ],
};

const HINTS = {
  id: 'Letters, digits, ".", "_", "-" or ":". Cannot change later.',
  sensorIds: 'Comma-separated sensor ids the rule watches.',
  cooldown: 'hh:mm:ss; after firing the rule stays quiet this long.',
  minConfidence: 'Optional, 0 to 1. Detections below it never trigger the rule.',
  condition: 'JSON with "type": object-in-zone, line-crossing, count-in-zone, dwell or event-type.',
  schedule: 'Optional JSON: {"timeZone": "Europe/Berlin", "windows": [{"days": ["monday"], "start": "08:00", "end": "18:00"}]}. Empty: always active.',
  actions: 'JSON array of {"type": "record", …} and {"type": "alert", …}.',
};

/** Renders the editor for `rule` (null: a new rule). onSaved(rule) after a successful save; onCancel() to leave. */
export function renderRuleForm(container, rule, { onSaved, onCancel }) {
  const editing = rule !== null;
  const value = rule ?? NEW_RULE;
  const inputs = {
    id: h('input', { readOnly: editing, value: value.id ?? '' }),
    name: h('input', { value: value.name ?? '' }),
    enabled: h('input', { type: 'checkbox', checked: value.enabled !== false }),
    sensorIds: h('input', { value: (value.sensorIds ?? []).join(', ') }),
    cooldown: h('input', { value: value.cooldown ?? '00:00:00', inputMode: 'numeric' }),
    minConfidence: h('input', { type: 'number', min: '0', max: '1', step: 'any', value: value.minConfidence ?? '' }),
    condition: jsonArea(value.condition, 6),
    schedule: jsonArea(value.schedule, 4),
    actions: jsonArea(value.actions, 10),
  };
  const errorSlots = {};
  const labels = {
    id: 'Id', name: 'Name', enabled: 'Enabled', sensorIds: 'Sensors', cooldown: 'Cooldown', minConfidence: 'Minimum confidence',
    condition: 'Condition', schedule: 'Schedule', actions: 'Actions',
  };
  const fieldErrors = formErrors({ inputs, labels, slots: errorSlots, title: 'The rule has problems' });

  const rows = FIELDS.map((key) => {
    const input = inputs[key];
    input.id = `rule-${key}`;
    input.name = key;
    errorSlots[key] = fieldError(`rule-${key}-error`);
    return field(labels[key], input, errorSlots[key], HINTS[key], { class: key === 'enabled' ? 'checkbox' : null, 'data-field': key });
  });

  const form = saveForm({
    noun: 'rule', collection: '/api/rules', id: value.id, name: value.name, editing, rows, read, fieldErrors, onSaved, onCancel,
  });

  replace(container, form);
  inputs[editing ? 'name' : 'id'].focus();

  /** The request body, and the fields whose JSON does not parse (reported like server errors, before sending). */
  function read() {
    const errors = {};
    const json = (key) => readJson(inputs[key], key, errors);
    const body = {
      id: inputs.id.value.trim(),
      name: inputs.name.value,
      enabled: inputs.enabled.checked,
      sensorIds: inputs.sensorIds.value.split(',').map((s) => s.trim()).filter(Boolean),
      condition: json('condition'),
      schedule: json('schedule'),
      cooldown: inputs.cooldown.value.trim() || '00:00:00',
      minConfidence: inputs.minConfidence.value === '' ? undefined : Number(inputs.minConfidence.value),
      actions: json('actions'),
    };
    return { body, errors };
  }
}
