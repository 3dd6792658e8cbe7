import { h } from '../dom.js';
import { checkboxGroup } from './inputs.js';
import { repeater, repeaterItem } from './repeater.js';

// The schedule: weekly windows in the wall-clock time of an IANA time zone (RuleSchedule). No window means the rule
// is always active, which the API writes as no schedule at all.

const DAYS = [['monday', 'Mon'], ['tuesday', 'Tue'], ['wednesday', 'Wed'], ['thursday', 'Thu'], ['friday', 'Fri'], ['saturday', 'Sat'], ['sunday', 'Sun']];

// The browser knows the IANA names; suggest them rather than keep a list here.
const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export function scheduleFields(fields, schedule) {
  const timeZone = h('input', {
    value: schedule?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || '', autocomplete: 'off', spellcheck: false,
  });
  timeZone.setAttribute('list', 'rule-time-zones'); // a read-only property: h() cannot set it
  const zoneField = fields.add('schedule.timeZone', 'Time zone', timeZone, { hint: 'IANA name, such as Europe/Berlin. Windows are in its local time.' });
  const windows = repeater(fields, 'schedule.windows', schedule?.windows, windowItem, (count) => { zoneField.hidden = count === 0; });

  const element = h('div', { class: 'subform schedule' },
    fields.add('schedule', 'Schedule', h('div', { role: 'group', class: 'schedule-windows', tabIndex: -1 },
      windows.element,
      h('button', { type: 'button', class: 'button small secondary', onclick: () => windows.add({ days: [], start: '08:00', end: '18:00' }) }, 'Add time window')),
    { hint: 'No time window: always active. A window whose end is not after its start runs past midnight.' }),
    zoneField,
    h('datalist', { id: 'rule-time-zones' }, ZONES.map((zone) => h('option', { value: zone }))));

  /** Null without windows (always active). */
  const read = () => {
    const list = windows.read();
    return list.length ? { timeZone: timeZone.value.trim(), windows: list } : null;
  };
  return { element, read };

  function windowItem(window, index, remove) {
    const path = `schedule.windows[${index}]`;
    const name = `window ${index + 1}`;
    const days = checkboxGroup(`${path}.days`, DAYS, window.days ?? []);
    const start = h('input', { type: 'time', value: hhmm(window.start), class: 'short' });
    const end = h('input', { type: 'time', value: hhmm(window.end), class: 'short' });
    return {
      element: repeaterItem(`Window ${index + 1}`, `Remove ${name}`, remove,
        fields.add(`${path}.days`, 'Days', days.element, { hint: 'None ticked: every day.', summary: `Days (${name})` }),
        h('div', { class: 'field-row' },
          fields.add(`${path}.start`, 'From', start, { summary: `From (${name})` }),
          fields.add(`${path}.end`, 'To', end, { summary: `To (${name})` }))),
      read: () => ({ days: days.read(), start: start.value, end: end.value }),
    };
  }
}

/** "08:00:00" (as the API writes a TimeOnly) as a time input shows it without seconds. */
function hhmm(time) {
  return typeof time === 'string' && /^\d\d:\d\d:00$/.test(time) ? time.slice(0, 5) : time ?? '';
}
