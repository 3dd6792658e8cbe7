import { h, replace } from '../dom.js';

/**
 * A list of sub-forms at JSON path `key` ("actions", "schedule.windows") with add and remove. Its fields are keyed
 * by index ("actions[1].preRoll"), so removing one renumbers the rest: every change reads all items, drops their
 * fields and builds them again. render(item, index, remove) gives { element, read }; onChange(count) after each build.
 */
export function repeater(fields, key, items, render, onChange = () => {}) {
  let current = [...(items ?? [])];
  let readers = [];
  const element = h('div', { class: 'repeater' });

  function build() {
    fields.forget(`${key}[`);
    const parts = current.map((item, index) => render(item, index, () => change((all) => all.splice(index, 1))));
    readers = parts.map((part) => part.read);
    replace(element, parts.map((part) => part.element));
    onChange(current.length);
  }

  function change(edit) {
    current = read();
    edit(current);
    build();
  }

  const read = () => readers.map((readItem) => readItem());
  build();

  return {
    element,
    read,
    /** Appends `item` and moves the focus into it, where the user will type next. */
    add(item) {
      change((all) => all.push(item));
      element.lastElementChild?.querySelector('input, select')?.focus();
    },
  };
}

/** The frame of one item: a heading, a Remove button named after it, and its fields. */
export function repeaterItem(title, removeLabel, remove, ...fields) {
  return h('div', { class: 'subform' },
    h('div', { class: 'subform-header' }, h('h3', {}, title),
      h('button', { type: 'button', class: 'button small danger', 'aria-label': removeLabel, onclick: remove }, 'Remove')),
    fields);
}
