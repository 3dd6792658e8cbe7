import { api } from './api.js';
import { h, replace } from './dom.js';
import { problemBanner } from './problem.js';

// What the forms share: a labelled field with its hint and error slot, and a 400's `errors`
// shown where the user looks. The server is the only validator: its errors are keyed by JSON path ("name",
// "condition.zoneId", "zones[0].polygon[1]"); each message goes beside the field that holds the path (the field
// with the longest key the path starts with) and all of them into a summary at the top of the form that links to
// the fields.

/**
 * A field: label, optional hint, the input and its `.field-error` slot; the input is described by hint and error.
 * A group of inputs (a `div` of checkboxes, a list editor) is named by the label through aria-labelledby.
 */
export function field(label, input, error, hint, attributes = {}) {
  const hintId = hint ? `${input.id}-hint` : null;
  input.setAttribute('aria-describedby', [hintId, error.id].filter(Boolean).join(' '));
  const labelable = input.matches('input, select, textarea');
  if (!labelable) input.setAttribute('aria-labelledby', `${input.id}-label`);
  return h('div', { ...attributes, class: ['field', attributes.class].filter(Boolean).join(' ') },
    labelable ? h('label', { for: input.id }, label) : h('span', { id: `${input.id}-label`, class: 'label' }, label),
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
    input,
    error);
}

/**
 * The fields of a form keyed by the request body's JSON paths ("name", "condition.zoneId", "actions[0].preRoll"),
 * which is how a 400 names them: pass `inputs`, `labels` and `slots` to formErrors. Parts of a form that come and go
 * (a condition's type, an action) add their fields with add() and drop them with forget(prefix) before rebuilding.
 * `summary` is the field's name in the error summary when its label alone is ambiguous ("Pre-roll (action 1)").
 */
export function fieldSet(idPrefix) {
  const inputs = {};
  const labels = {};
  const slots = {};
  return {
    inputs, labels, slots,
    add(key, label, input, { hint, summary, ...attributes } = {}) {
      const id = `${idPrefix}-${key.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
      input.id = id;
      if (!input.name && input.matches('input, select, textarea')) input.name = key;
      inputs[key] = input;
      labels[key] = summary ?? label;
      slots[key] = fieldError(`${id}-error`);
      return field(label, input, slots[key], hint, { 'data-field': key, ...attributes });
    },
    forget(prefix) {
      for (const key of Object.keys(inputs)) {
        if (!key.startsWith(prefix)) continue;
        delete inputs[key];
        delete labels[key];
        delete slots[key];
      }
    },
  };
}

export function fieldError(id) {
  return h('p', { id, class: 'field-error' });
}

/**
 * The errors of a form whose fields are keyed like the request body: `inputs[key]` the input, `labels[key]` its
 * label, `slots[key]` its `.field-error`. Put `summary` at the top of the form; show(errors, title) marks the
 * fields and fills the summary, clear() removes it all.
 */
export function formErrors({ inputs, labels, slots, title: defaultTitle }) {
  const summary = h('div', { class: 'error-summary', role: 'alert', tabIndex: -1, hidden: true });

  /** The field holding JSON path `path`: the longest key it starts with ("actions[0].preRoll" → "actions"), or null. */
  const fieldOf = (path) => {
    const text = String(path);
    let found = null;
    for (const key of Object.keys(inputs)) {
      const holds = text === key || text.startsWith(`${key}.`) || text.startsWith(`${key}[`);
      if (holds && (found === null || key.length > found.length)) found = key;
    }
    return found;
  };

  /** Where a link in the summary lands: the input itself, or the first control of a group. */
  const focus = (key) => {
    const input = inputs[key];
    (input.matches('input, select, textarea') ? input : input.querySelector('input, select, textarea, button') ?? input).focus();
  };

  function clear() {
    replace(summary);
    summary.hidden = true;
    for (const key of Object.keys(inputs)) {
      replace(slots[key]);
      inputs[key].removeAttribute('aria-invalid');
    }
  }

  function show(errors, title = defaultTitle) {
    const items = [];
    for (const [path, messages] of Object.entries(errors)) {
      const key = fieldOf(path);
      const text = [].concat(messages).join(' ');
      // Show the path inside the field ("zoneId: Required.") when the error is about part of a JSON field; not a
      // bare index ("[1]"), which says nothing the message (naming the entry) does not.
      const rest = key && path !== key ? path.slice(key.length).replace(/^\./, '') : null;
      const inner = rest && !/^\[\d+\]$/.test(rest) ? rest : null;
      const line = inner ? `${inner}: ${text}` : text;
      if (key) {
        slots[key].append(h('span', { class: 'field-error-line' }, line));
        inputs[key].setAttribute('aria-invalid', 'true');
      }
      items.push({ input: key ? inputs[key] : null, item: h('li', {}, key
        ? h('a', { href: `#${inputs[key].id}`, onclick: (event) => { event.preventDefault(); focus(key); } }, `${labels[key]}${inner ? ` (${inner})` : ''}: ${text}`)
        : `${path === '$' || path === '' ? 'Request' : path}: ${text}`) });
    }
    // In the order of the form, not of the server's dictionary, so the summary reads top to bottom like the fields.
    const order = (a, b) => {
      if (a === b) return 0;
      if (!a || !b) return a ? -1 : 1; // errors no field holds come last
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    };
    items.sort((a, b) => order(a.input, b.input));
    replace(summary, h('h3', {}, title), h('ul', {}, items.map(({ item }) => item)));
    summary.hidden = false;
    summary.focus();
  }

  return { summary, show, clear };
}

/**
 * The form of a resource that is created (POST `collection`) or edited (PUT `collection`/`id`): `read()` gives the
 * body and the fields whose JSON does not parse; a 400 goes beside the fields (`fieldErrors`), any other failure
 * in `problem` above them (given, when the caller reports other failures there too). `rows` are its fields; `name`
 * titles an edit. `verb` replaces "Create" where creating is called something else ("Register").
 */
export function saveForm({ noun, collection, id, name, editing, rows, read, fieldErrors, onSaved, onCancel, problem = h('div'), verb = 'Create' }) {
  const titleId = `${noun}-form-title`;
  const submit = h('button', { type: 'submit', class: 'button' }, editing ? `Save ${noun}` : `${verb} ${noun}`);
  return h('form', { class: `card ${noun}-form`, 'aria-labelledby': titleId, noValidate: true, onsubmit: async (event) => {
    event.preventDefault();
    replace(problem);
    fieldErrors.clear();
    const { body, errors } = read();
    if (Object.keys(errors).length) {
      fieldErrors.show(errors);
      return;
    }
    submit.disabled = true;
    try {
      const saved = editing
        ? await api(`${collection}/${encodeURIComponent(id)}`, { method: 'PUT', body })
        : await api(collection, { method: 'POST', body });
      onSaved(saved ?? body);
    } catch (error) {
      if (error.status === 400 && Object.keys(error.errors).length) fieldErrors.show(error.errors, error.title);
      else replace(problem, problemBanner(error, { heading: `The ${noun} was not saved` }));
    } finally {
      submit.disabled = false;
    }
  } },
  h('h2', { id: titleId }, editing ? `Edit ${noun} ${name}` : verb === 'Create' ? `New ${noun}` : `${verb} ${noun}`),
  fieldErrors.summary,
  problem,
  rows,
  h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'button secondary', onclick: onCancel }, 'Cancel')));
}
