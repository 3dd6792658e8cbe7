import { h, replace } from '../dom.js';

let lists = 0;

/**
 * A list of short texts edited one entry at a time (object classes, tripwire ids): each entry a removable chip, and
 * an input offering `suggestions` (a datalist) that adds on Enter or "Add". Text typed but not yet added still
 * counts when the form is read, so nothing the user sees in the box is lost. `noun` names an entry in labels.
 */
export function entryList(values, { suggestions = [], noun, placeholder }) {
  const entries = [...(values ?? [])];
  const listId = `entry-suggestions-${++lists}`;
  const chips = h('ul', { class: 'chips' });
  const input = h('input', { placeholder, autocomplete: 'off', spellcheck: false, 'aria-label': `Add ${noun}` });
  input.setAttribute('list', listId); // a read-only property: h() cannot set it
  const add = () => {
    const text = input.value.trim();
    if (text && !entries.some((entry) => entry.toLowerCase() === text.toLowerCase())) entries.push(text);
    input.value = '';
    show();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // Enter adds the entry; it must not submit the rule
    add();
  });

  function show() {
    replace(chips, entries.map((entry, index) => h('li', { class: 'chip' }, entry,
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${noun} ${entry}`, onclick: () => { entries.splice(index, 1); show(); } }, '×'))));
  }
  show();

  const element = h('div', { role: 'group', class: 'entry-list', tabIndex: -1 },
    chips,
    h('div', { class: 'entry-add' }, input, h('button', { type: 'button', class: 'button secondary', onclick: add }, 'Add')),
    h('datalist', { id: listId }, suggestions.map((value) => h('option', { value }))));
  const read = () => {
    const pending = input.value.trim();
    return pending && !entries.some((entry) => entry.toLowerCase() === pending.toLowerCase()) ? [...entries, pending] : [...entries];
  };
  return { element, read };
}
