import { api } from '../api.js';
import { confirmButton } from '../confirm-button.js';
import { h, replace } from '../dom.js';
import { field, fieldError } from '../form-fields.js';
import { formatTime } from '../format.js';
import { problemBanner } from '../problem.js';
import { secretShownOnce } from '../secret-once.js';
import { state } from '../state.js';

// API keys (admins): who may call, with which role, on which site. A new key's secret is shown once, here, and
// never again (the gateway keeps only its hash). Revoking ends the key and the UI sessions signed in with it.

const ROLES = [
  ['viewer', 'Viewer: reads'],
  ['operator', 'Operator: also edits cameras, sensors and rules, and records'],
  ['admin', 'Admin: also manages keys and sites'],
];

export function renderKeys(container) {
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const created = h('div');
  const body = h('tbody');

  const load = async () => {
    try {
      const keys = await api('/api/keys');
      replace(body, keys.length ? keys.map(keyRow) : h('tr', {}, h('td', { colSpan: 5, class: 'empty' }, 'No keys.')));
    } catch (error) {
      replace(notice, problemBanner(error, { heading: 'The keys could not be listed' }));
    }
  };

  function keyRow(key) {
    const revoked = Boolean(key.revokedAt);
    const site = key.siteId ? (state.sites.find((s) => s.id === key.siteId)?.name ?? key.siteId) : 'All sites';
    return h('tr', { 'data-key-id': key.id },
      h('th', { scope: 'row' }, key.name, h('br'), h('code', { class: 'muted' }, key.id)),
      h('td', { 'data-label': 'Role' }, key.role),
      h('td', { 'data-label': 'Site' }, site),
      h('td', { 'data-label': 'State' }, revoked
        ? h('span', { class: 'badge off' }, `Revoked ${formatTime(key.revokedAt)}`)
        : h('span', { class: 'badge ok' }, `Active since ${formatTime(key.createdAt)}`)),
      h('td', {}, revoked ? null : confirmButton({
        label: 'Revoke', ariaLabel: `Revoke key ${key.name}`, confirmAriaLabel: `Confirm: revoke key ${key.name}`,
        onConfirm: async () => {
          try {
            await api(`/api/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
            replace(notice, h('p', { class: 'notice' }, `Key “${key.name}” revoked.`));
            await load();
          } catch (error) {
            replace(notice, problemBanner(error, { heading: `Key “${key.name}” was not revoked` }));
          }
        },
      })));
  }

  const form = createKeyForm({
    onCreated: async (key) => {
      replace(created, shownOnce(key));
      await load();
    },
  });

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'API keys')),
    notice,
    created,
    form,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'API keys'),
      h('thead', {}, h('tr', {}, ['Key', 'Role', 'Site', 'State', ''].map((title) => h('th', { scope: 'col' }, title)))),
      body)));
  void load();
}

function createKeyForm({ onCreated }) {
  const name = h('input', { id: 'key-name', name: 'name', autocomplete: 'off' });
  const role = h('select', { id: 'key-role', name: 'role' }, ROLES.map(([value, label]) => h('option', { value }, label)));
  // A site-scoped admin can only create keys of its own site.
  const scoped = state.caller?.siteId;
  const site = h('select', { id: 'key-site', name: 'siteId', disabled: Boolean(scoped) },
    scoped ? null : h('option', { value: '' }, 'All sites'),
    state.sites.map((s) => h('option', { value: s.id, selected: s.id === scoped }, s.name)));
  const errors = { name: fieldError('key-name-error'), role: fieldError('key-role-error'), siteId: fieldError('key-site-error') };
  const problem = h('div');
  const submit = h('button', { type: 'submit', class: 'button' }, 'Create key');

  const form = h('form', { class: 'card key-form', 'aria-labelledby': 'key-form-title', noValidate: true, onsubmit: async (event) => {
    event.preventDefault();
    for (const slot of Object.values(errors)) replace(slot);
    replace(problem);
    submit.disabled = true;
    try {
      const key = await api('/api/keys', { method: 'POST', body: { name: name.value.trim(), role: role.value, siteId: site.value || null } });
      name.value = '';
      await onCreated(key);
    } catch (error) {
      const fields = Object.entries(error.errors ?? {}).filter(([field]) => errors[field]);
      for (const [field, messages] of fields) replace(errors[field], [].concat(messages).join(' '));
      if (fields.length === 0) replace(problem, problemBanner(error, { heading: 'The key was not created' }));
    } finally {
      submit.disabled = false;
    }
  } },
  h('h2', { id: 'key-form-title' }, 'New key'),
  field('Name', name, errors.name, 'Who or what uses it: a person, a script, an integration.'),
  field('Role', role, errors.role),
  field('Site', site, errors.siteId, 'A key with a site sees only that site.'),
  problem,
  h('div', { class: 'actions' }, submit));
  return form;
}

/** The new key, once: copy it now, it cannot be shown again. */
function shownOnce(key) {
  return secretShownOnce({
    id: 'new-key', label: `Key “${key.name}” (${key.role})`, secret: key.key,
    hint: 'Copy it now: it is shown this once and cannot be shown again.',
  });
}
