import { h, replace } from '../dom.js';
import { entryList } from './entry-list.js';
import { checkboxGroup, durationInput, numberInput, selectInput } from './inputs.js';

// The condition: a type select and the fields of that type, as the rule model has them (Grains.Interfaces/Rules,
// RuleCondition's JSON type discriminators). Zones and lines are those of the chosen sensors; classes, event types
// and analytics directions come from the gateway's vocabulary, so nothing here repeats a list the server checks.

const TYPES = [
  ['object-in-zone', 'An object is in a zone', ['zoneId', 'classes', 'trigger']],
  ['line-crossing', 'An object crosses a line', ['lineId', 'direction', 'classes']],
  ['count-in-zone', 'Several objects enter a zone within a time window', ['zoneId', 'classes', 'threshold', 'window']],
  ['dwell', 'An object stays in a zone (loitering)', ['zoneId', 'classes', 'minimumDwell']],
  ['occupancy-at-least', 'Several objects are in a zone at once', ['zoneId', 'classes', 'minimum', 'minimumDuration']],
  ['event-type', 'The device reports an event', ['eventTypes']],
  ['analytics-event', 'Other analytics report a tripwire or region event', ['kind', 'eventIds', 'directions', 'classes']],
];

/** Each property of a condition: its label, hint and input (read() gives the JSON value), from its current value. */
const PROPERTIES = {
  zoneId: (value, ctx) => ({ label: 'Zone', ...selectInput(places(ctx.sensors(), 'zones', 'zone'), value ?? '') }),
  lineId: (value, ctx) => ({ label: 'Line', ...selectInput(places(ctx.sensors(), 'lines', 'line'), value ?? '') }),
  classes: (value, ctx) => ({
    label: 'Object classes', hint: 'Empty: any class. Only classes a detector reports are accepted.',
    ...entryList(value, { suggestions: ctx.vocabulary.classes, noun: 'class', placeholder: 'Person' }),
  }),
  trigger: (value) => ({
    label: 'Fires', ...selectInput([['on-enter', 'When the object enters'], ['while-present', 'While it is inside (limited by the cooldown)']], value ?? 'on-enter'),
  }),
  direction: (value) => ({
    label: 'Direction', hint: 'A to B: from the left of the line to its right, looking from A towards B.',
    ...selectInput([['either', 'Either way'], ['a-to-b', 'A to B'], ['b-to-a', 'B to A']], value ?? 'either'),
  }),
  threshold: (value) => ({ label: 'Entries', hint: 'How many entries within the window fire the rule.', ...numberInput(value ?? 5, 1) }),
  window: (value) => ({ label: 'Within', hint: 'hh:mm:ss, a sliding window.', ...durationInput(value ?? '00:02:00') }),
  minimumDwell: (value) => ({ label: 'Stays at least', hint: 'hh:mm:ss', ...durationInput(value ?? '00:00:30') }),
  minimum: (value) => ({ label: 'At least', hint: 'Objects in the zone at the same time.', ...numberInput(value ?? 3, 1) }),
  minimumDuration: (value) => ({
    label: 'For at least', hint: 'hh:mm:ss; 00:00:00 fires on the first frame that reaches the count.', ...durationInput(value ?? '00:00:10', '00:00:00'),
  }),
  eventTypes: (value, ctx) => ({
    label: 'Event types', hint: 'DeepStream\'s event.type.',
    ...checkboxGroup('eventTypes', ctx.vocabulary.eventTypes.map((t) => [t, t]), value ?? []),
  }),
  kind: (value, ctx, rebuild) => {
    const select = selectInput([['tripwire', 'Tripwire crossed'], ['roi', 'Region entered or left']], value ?? 'tripwire');
    select.element.addEventListener('change', rebuild); // the directions depend on the kind
    return { label: 'Event', ...select };
  },
  eventIds: (value) => ({
    label: 'Tripwire or region ids', hint: 'The other analytics\' own ids; empty: any.', ...entryList(value, { noun: 'id', placeholder: 'door-1' }),
  }),
  directions: (value, ctx, rebuild, condition) => ({
    label: 'Directions', hint: 'None ticked: any.',
    ...checkboxGroup('directions', (ctx.vocabulary.analyticsDirections[condition.kind ?? 'tripwire'] ?? []).map((d) => [d, d]), value ?? []),
  }),
};

/**
 * The condition part of the rule form. `ctx`: { vocabulary, sensors() } (the chosen sensors, with zones and lines).
 * refresh() rebuilds the fields from what is entered, after the chosen sensors changed.
 */
export function conditionFields(fields, ctx, initial) {
  let current = { ...(initial ?? { type: TYPES[0][0] }) };
  let readers = {};
  const body = h('div', { class: 'subform-body' });
  const type = selectInput(TYPES.map(([value, text]) => [value, text]), current.type);
  const rebuild = () => {
    current = read();
    build();
  };
  type.element.addEventListener('change', rebuild);

  function build() {
    fields.forget('condition.');
    const [, , properties] = TYPES.find(([value]) => value === current.type) ?? [null, null, []];
    readers = {};
    replace(body, properties.map((name) => {
      const { label, hint, element, read: readValue } = PROPERTIES[name](current[name], ctx, rebuild, current);
      readers[name] = readValue;
      return fields.add(`condition.${name}`, label, element, { hint, summary: `${label} (condition)` });
    }));
  }

  /** The condition as the API takes it: the type and its own properties only. */
  function read() {
    const condition = { type: type.read() };
    for (const [name, readValue] of Object.entries(readers)) condition[name] = readValue();
    return condition;
  }

  build();
  const element = h('div', { class: 'subform condition' },
    fields.add('condition', 'Condition', type.element, { hint: 'What has to happen for the rule to fire.' }),
    body);
  return { element, read, refresh: rebuild };
}

/**
 * The zones (or lines) of the chosen sensors as select options, blank first. A zone that only some of them have is
 * marked: the rule is checked against each sensor, and the gateway would refuse it for the others.
 */
function places(sensors, property, noun) {
  const found = new Map();
  for (const sensor of sensors) {
    for (const place of sensor[property] ?? []) {
      const entry = found.get(place.id) ?? { place, on: [] };
      entry.on.push(sensor.name || sensor.id);
      found.set(place.id, entry);
    }
  }
  const options = [...found.values()].map(({ place, on }) => [place.id,
    `${place.name || place.id} (${place.id})${sensors.length > 1 && on.length < sensors.length ? ` — only on ${on.join(', ')}` : ''}`]);
  const blank = sensors.length === 0 ? 'Choose a sensor first' : options.length === 0 ? `The chosen sensors have no ${noun}` : `Choose a ${noun}`;
  return [['', blank], ...options];
}
