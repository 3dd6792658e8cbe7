import { h, replace } from './dom.js';

// A secret the gateway answers once and never again (it keeps only a hash, or seals with it): shown in a read-only
// field to copy from, with a Copy button and a hint that says so. Used for API keys and edge agents' config keys.

/** `id` names the field; `label` says whose secret it is; `hint` why to copy it now; `details` go above the field. */
export function secretShownOnce({ id, label, secret, hint, details = null }) {
  const value = h('input', { id, readOnly: true, value: secret, spellcheck: false, autocomplete: 'off', 'aria-describedby': `${id}-hint` });
  const copied = h('span', { class: 'muted', 'aria-live': 'polite' });
  return h('div', { class: 'card notice new-key', role: 'status' },
    h('label', { for: id }, label),
    h('p', { id: `${id}-hint`, class: 'hint' }, hint),
    details,
    value,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Copy ${label}`, onclick: async () => {
        value.select();
        try {
          await navigator.clipboard.writeText(secret);
          replace(copied, 'Copied to the clipboard.');
        } catch {
          replace(copied, 'Copy it from the field.');
        }
      } }, 'Copy'),
      copied));
}
