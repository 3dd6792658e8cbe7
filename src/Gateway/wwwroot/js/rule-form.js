import { api } from './api.js';
import { h, replace } from './dom.js';
import { problemBanner } from './problem.js';

// The rule editor: plain fields for the simple properties, JSON for the nested ones (condition, schedule,
// actions), so every rule the API accepts can be written here. The server is the only validator: a 400's
// `errors` are keyed by JSON path ("condition.zoneId", "actions[0].preRoll"); each message is shown beside the
// field that holds that path, and all of them in a summary at the top that links to the fields.

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
  const summary = h('div', { class: 'error-summary', role: 'alert', tabIndex: -1, hidden: true });
  const problem = h('div');
  const labels = {
    id: 'Id', name: 'Name', enabled: 'Enabled', sensorIds: 'Sensors', cooldown: 'Cooldown', minConfidence: 'Minimum confidence',
    condition: 'Condition', schedule: 'Schedule', actions: 'Actions',
  };

  const rows = FIELDS.map((key) => {
    const input = inputs[key];
    input.id = `rule-${key}`;
    input.name = key;
    const hintId = `rule-${key}-hint`;
    const errorId = `rule-${key}-error`;
    errorSlots[key] = h('p', { id: errorId, class: 'field-error' });
    input.setAttribute('aria-describedby', HINTS[key] ? `${hintId} ${errorId}` : errorId);
    return h('div', { class: `field${key === 'enabled' ? ' checkbox' : ''}`, 'data-field': key },
      h('label', { for: input.id }, labels[key]),
      HINTS[key] ? h('p', { id: hintId, class: 'hint' }, HINTS[key]) : null,
      input,
      errorSlots[key]);
  });

  const submit = h('button', { type: 'submit', class: 'button' }, editing ? 'Save rule' : 'Create rule');
  const form = h('form', { class: 'card rule-form', 'aria-labelledby': 'rule-form-title', noValidate: true, onsubmit: async (event) => {
    event.preventDefault();
    clearErrors();
    const { body, errors } = read();
    if (Object.keys(errors).length) {
      showErrors(errors);
      return;
    }
    submit.disabled = true;
    try {
      const saved = editing
        ? await api(`/api/rules/${encodeURIComponent(value.id)}`, { method: 'PUT', body })
        : await api('/api/rules', { method: 'POST', body });
      onSaved(saved ?? body);
    } catch (error) {
      if (error.status === 400 && Object.keys(error.errors).length) showErrors(error.errors, error.title);
      else replace(problem, problemBanner(error, { heading: 'The rule was not saved' }));
    } finally {
      submit.disabled = false;
    }
  } },
  h('h2', { id: 'rule-form-title' }, editing ? `Edit rule ${value.name}` : 'New rule'),
  summary,
  problem,
  rows,
  h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'button secondary', onclick: onCancel }, 'Cancel')));

  replace(container, form);
  inputs[editing ? 'name' : 'id'].focus();

  /** The request body, and the fields whose JSON does not parse (reported like server errors, before sending). */
  function read() {
    const errors = {};
    const json = (key, optional) => {
      const text = inputs[key].value.trim();
      if (text === '' && optional) return undefined;
      try {
        return JSON.parse(text);
      } catch (error) {
        errors[key] = [`Not valid JSON: ${error.message}`];
        return undefined;
      }
    };
    const body = {
      id: inputs.id.value.trim(),
      name: inputs.name.value,
      enabled: inputs.enabled.checked,
      sensorIds: inputs.sensorIds.value.split(',').map((s) => s.trim()).filter(Boolean),
      condition: json('condition', true),
      schedule: json('schedule', true),
      cooldown: inputs.cooldown.value.trim() || '00:00:00',
      minConfidence: inputs.minConfidence.value === '' ? undefined : Number(inputs.minConfidence.value),
      actions: json('actions', true),
    };
    return { body, errors };
  }

  function clearErrors() {
    replace(problem);
    replace(summary);
    summary.hidden = true;
    for (const key of FIELDS) {
      replace(errorSlots[key]);
      inputs[key].removeAttribute('aria-invalid');
    }
  }

  function showErrors(errors, title = 'The rule has problems') {
    const items = [];
    for (const [path, messages] of Object.entries(errors)) {
      const key = fieldOf(path);
      const text = [].concat(messages).join(' ');
      // Show the path inside the field ("zoneId: Required.") when the error is about part of a JSON field.
      const inner = key && path !== key ? path.slice(key.length).replace(/^\./, '') : null;
      const line = inner ? `${inner}: ${text}` : text;
      if (key) {
        errorSlots[key].append(h('span', { class: 'field-error-line' }, line));
        inputs[key].setAttribute('aria-invalid', 'true');
      }
      items.push(h('li', {}, key
        ? h('a', { href: `#rule-${key}`, onclick: (event) => { event.preventDefault(); inputs[key].focus(); } }, `${labels[key]}${inner ? ` (${inner})` : ''}: ${text}`)
        : `${path === '$' ? 'Request' : path}: ${text}`));
    }
    replace(summary, h('h3', {}, title), h('ul', {}, items));
    summary.hidden = false;
    summary.focus();
  }
}

/** The form field that holds JSON path `path`: its first segment ("actions[0].preRoll" → "actions"), or null. */
export function fieldOf(path) {
  const first = String(path).split(/[.[]/)[0];
  return FIELDS.includes(first) ? first : null;
}

function jsonArea(value, rows) {
  return h('textarea', { rows, spellcheck: false, class: 'code', value: value === undefined || value === null ? '' : JSON.stringify(value, null, 2) });
}
