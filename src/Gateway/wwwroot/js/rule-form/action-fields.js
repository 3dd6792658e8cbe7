import { h } from '../dom.js';
import { durationInput, selectInput } from './inputs.js';
import { repeater, repeaterItem } from './repeater.js';

// What a rule does when it fires (RuleAction's "record" and "alert"), a list with add and remove. Defaults are the
// API's own (RecordAction, AlertAction), so a new action saves as the server would fill it in.

export const NEW_ACTIONS = {
  record: { type: 'record', cameraId: null, preRoll: '00:00:05', postRoll: '00:00:10', maxSession: '00:05:00', container: 'mp4' },
  alert: { type: 'alert', severity: 'warning', messageTemplate: '{class} in {zone} on {sensor}' },
};

/** `ctx`: { vocabulary, cameras } (the site's cameras, for the record actions' camera). */
export function actionFields(fields, ctx, actions) {
  const list = repeater(fields, 'actions', actions, (action, index, remove) => {
    const path = `actions[${index}]`;
    const at = `action ${index + 1}`;
    const add = (name, label, input, hint) => fields.add(`${path}.${name}`, label, input, { hint, summary: `${label} (${at})` });
    if (action.type === 'alert') {
      const severity = selectInput([['info', 'Info'], ['warning', 'Warning'], ['critical', 'Critical']], action.severity ?? 'warning');
      const message = h('input', { value: action.messageTemplate ?? '', autocomplete: 'off' });
      return {
        element: repeaterItem(`${index + 1}. Send an alert`, `Remove ${at}, alert`, remove,
          add('severity', 'Severity', severity.element),
          add('messageTemplate', 'Message', message, `Placeholders: ${ctx.vocabulary.placeholders.map((p) => `{${p}}`).join(' ')}`)),
        read: () => ({ type: 'alert', severity: severity.read(), messageTemplate: message.value }),
      };
    }
    const camera = selectInput([['', 'The sensor\'s camera'], ...ctx.cameras.map((c) => [c.id, c.name])], action.cameraId ?? '');
    const preRoll = durationInput(action.preRoll);
    const postRoll = durationInput(action.postRoll);
    const maxSession = durationInput(action.maxSession);
    const container = selectInput([['mp4', 'MP4'], ['mkv', 'Matroska (MKV)']], action.container ?? 'mp4');
    return {
      element: repeaterItem(`${index + 1}. Record a clip`, `Remove ${at}, recording`, remove,
        add('cameraId', 'Camera', camera.element),
        h('div', { class: 'field-row' },
          add('preRoll', 'Pre-roll', preRoll.element, 'Before the trigger, hh:mm:ss.'),
          add('postRoll', 'Post-roll', postRoll.element, 'After the last trigger.'),
          add('maxSession', 'Longest clip', maxSession.element, 'Later triggers extend it up to this.')),
        add('container', 'File format', container.element)),
      read: () => ({
        type: 'record', cameraId: camera.read() || null, preRoll: preRoll.read(), postRoll: postRoll.read(), maxSession: maxSession.read(), container: container.read(),
      }),
    };
  });

  const element = fields.add('actions', 'Actions', h('div', { role: 'group', class: 'actions-list', tabIndex: -1 },
    list.element,
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'button small secondary', onclick: () => list.add({ ...NEW_ACTIONS.record }) }, 'Add recording'),
      h('button', { type: 'button', class: 'button small secondary', onclick: () => list.add({ ...NEW_ACTIONS.alert }) }, 'Add alert'))),
  { hint: 'What happens when the rule fires.' });
  return { element, read: list.read };
}
