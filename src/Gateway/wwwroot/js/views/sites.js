import { api, listPage } from '../api.js';
import { confirmButton } from '../confirm-button.js';
import { h, replace } from '../dom.js';
import { field, fieldError } from '../form-fields.js';
import { formatTime } from '../format.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { canWrite, state } from '../state.js';

// Sites: the places cameras and sensors belong to. Admins without a site scope create and delete them (a site
// still holding cameras, sensors or keys is refused with a 409 that says so); operators rename them. A change
// tells the shell, which reloads the header's site filter.

export const SITES_CHANGED = 'platform:sites-changed';

export function renderSites(container) {
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const body = h('tbody');
  const isAdmin = state.caller?.role === 'admin' && !state.caller.siteId;

  const pager = createPager(
    (cursor) => listPage('/api/sites', {}, cursor),
    (sites, first) => {
      if (first) replace(body);
      for (const site of sites) body.append(siteRow(site));
    },
    { onEmpty: () => body.append(h('tr', {}, h('td', { colSpan: 3, class: 'empty' }, 'No sites yet.'))) });

  const changed = (message) => {
    replace(notice, h('p', { class: 'notice' }, message));
    pager.start();
    window.dispatchEvent(new Event(SITES_CHANGED));
  };

  function siteRow(site) {
    const name = h('input', { id: `site-name-${site.id}`, value: site.name, 'aria-label': `Name of site ${site.id}` });
    const error = h('p', { id: `site-name-${site.id}-error`, class: 'field-error' });
    name.setAttribute('aria-describedby', error.id);
    const rename = async () => {
      replace(error);
      name.removeAttribute('aria-invalid');
      try {
        await api(`/api/sites/${encodeURIComponent(site.id)}`, { method: 'PUT', body: { name: name.value.trim() } });
        changed(`Site “${site.id}” renamed to “${name.value.trim()}”.`);
      } catch (failure) {
        if (failure.errors?.name) {
          name.setAttribute('aria-invalid', 'true');
          replace(error, [].concat(failure.errors.name).join(' '));
        } else {
          replace(notice, problemBanner(failure, { heading: `Site “${site.id}” was not renamed` }));
        }
      }
    };
    return h('tr', { 'data-site-id': site.id },
      h('th', { scope: 'row' }, canWrite() ? [name, error] : site.name, h('br'), h('code', { class: 'muted' }, site.id)),
      h('td', { 'data-label': 'Created' }, formatTime(site.createdAt)),
      h('td', { class: 'row-actions' },
        canWrite() ? h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Rename site ${site.id}`, onclick: rename }, 'Rename') : null,
        isAdmin ? confirmButton({
          label: 'Delete', ariaLabel: `Delete site ${site.name}`, confirmAriaLabel: `Confirm: delete site ${site.name}`,
          onConfirm: async () => {
            try {
              await api(`/api/sites/${encodeURIComponent(site.id)}`, { method: 'DELETE' });
              changed(`Site “${site.name}” deleted.`);
            } catch (failure) {
              replace(notice, problemBanner(failure, { heading: `Site “${site.name}” was not deleted` }));
            }
          },
        }) : null));
  }

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Sites')),
    notice,
    isAdmin ? createSiteForm((site) => changed(`Site “${site.name}” created.`)) : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Sites'),
      h('thead', {}, h('tr', {}, ['Site', 'Created', ''].map((title) => h('th', { scope: 'col' }, title)))),
      body)),
    pager.element);
  pager.start();
}

function createSiteForm(onCreated) {
  const inputs = {
    id: h('input', { id: 'new-site-id', name: 'id', autocomplete: 'off', spellcheck: false }),
    name: h('input', { id: 'new-site-name', name: 'name', autocomplete: 'off' }),
  };
  const errors = { id: fieldError('new-site-id-error'), name: fieldError('new-site-name-error') };
  const problem = h('div');
  const submit = h('button', { type: 'submit', class: 'button' }, 'Create site');
  return h('form', { class: 'card', 'aria-labelledby': 'new-site-title', noValidate: true, onsubmit: async (event) => {
    event.preventDefault();
    for (const [key, slot] of Object.entries(errors)) { replace(slot); inputs[key].removeAttribute('aria-invalid'); }
    replace(problem);
    submit.disabled = true;
    try {
      const site = await api('/api/sites', { method: 'POST', body: { id: inputs.id.value.trim(), name: inputs.name.value.trim() } });
      inputs.id.value = '';
      inputs.name.value = '';
      onCreated(site);
    } catch (failure) {
      const fields = Object.entries(failure.errors ?? {}).filter(([key]) => errors[key]);
      for (const [key, messages] of fields) {
        inputs[key].setAttribute('aria-invalid', 'true');
        replace(errors[key], [].concat(messages).join(' '));
      }
      if (fields.length === 0) replace(problem, problemBanner(failure, { heading: 'The site was not created' }));
    } finally {
      submit.disabled = false;
    }
  } },
  h('h2', { id: 'new-site-title' }, 'New site'),
  field('Id', inputs.id, errors.id, "1 to 128 letters, digits, '.', '_', '-' or ':': it appears in URLs and storage keys and cannot change."),
  field('Name', inputs.name, errors.name),
  problem,
  h('div', { class: 'actions' }, submit));
}
