import { h } from '../dom.js';

// The small inputs the rule editor's parts share. Each returns the element and read(): the value as the API wants it.

/** A duration as the API writes TimeSpan ("00:00:05"); blank reads as `empty`. The gateway names a malformed one. */
export function durationInput(value, empty = undefined) {
  const input = h('input', { value: value ?? '', placeholder: 'hh:mm:ss', inputMode: 'numeric', autocomplete: 'off', spellcheck: false, class: 'short' });
  return { element: input, read: () => input.value.trim() || empty };
}

/** A whole number (or, with step 'any', any number); blank reads as undefined, which the gateway reports as missing. */
export function numberInput(value, min, step = '1') {
  const input = h('input', { type: 'number', min: String(min), step, inputMode: step === '1' ? 'numeric' : 'decimal', value: value ?? '', class: 'short' });
  return { element: input, read: () => (input.value === '' ? undefined : Number(input.value)) };
}

/** A select of [value, text] pairs; `current` stays a choice even when it is not among them (a rule saved elsewhere). */
export function selectInput(options, current) {
  const known = options.some(([value]) => value === current);
  const select = h('select', {},
    options.map(([value, text]) => h('option', { value, selected: value === current }, text)),
    current !== undefined && current !== null && !known ? h('option', { value: current, selected: true }, current) : null);
  return { element: select, read: () => select.value };
}

/**
 * Checkboxes of [value, text] pairs in one group, the `checked` ones ticked; values in `checked` that are not
 * offered are kept as extra boxes, so editing never drops a choice silently. read(): the ticked values, in order.
 */
export function checkboxGroup(name, options, checked = []) {
  const extra = checked.filter((value) => !options.some(([offered]) => offered === value)).map((value) => [value, value]);
  const boxes = [...options, ...extra].map(([value, text]) => ({
    value, box: h('input', { type: 'checkbox', name, value, checked: checked.includes(value) }), text,
  }));
  const element = h('div', { role: 'group', class: 'checkbox-group', tabIndex: -1 },
    boxes.length ? boxes.map(({ box, text }) => h('label', { class: 'checkbox-option' }, box, text)) : h('p', { class: 'muted' }, 'None to choose from.'));
  return { element, read: () => boxes.filter(({ box }) => box.checked).map(({ value }) => value), boxes };
}
