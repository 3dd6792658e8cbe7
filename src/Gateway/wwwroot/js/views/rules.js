import { api, listPage } from '../api.js';
import { confirmButton } from '../confirm-button.js';
import { h, replace } from '../dom.js';
import { createPager } from '../pager.js';
import { problemBanner } from '../problem.js';
import { renderRuleForm } from '../rule-form.js';
import { canWrite, selectedSite } from '../state.js';

// Rules of the selected site: a list where a rule can be turned on or off and deleted, and the editor
// (rule-form.js) for a new or an existing rule.

export function renderRules(container) {
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const editor = h('div');
  const body = h('tbody');
  const list = h('div', {});

  const pager = createPager(
    (cursor) => listPage('/api/rules', { siteId: selectedSite() }, cursor),
    (rules, first) => {
      if (first) replace(body);
      for (const rule of rules) body.append(ruleRow(rule));
    },
    { onEmpty: () => body.append(h('tr', {}, h('td', { colSpan: 6, class: 'empty' }, 'No rules yet.'))) });

  const openEditor = (rule) => {
    replace(notice);
    list.hidden = true;
    renderRuleForm(editor, rule, {
      onSaved: (saved) => {
        closeEditor();
        replace(notice, h('p', { class: 'notice' }, `Rule “${saved.name}” saved.`));
        pager.start();
      },
      onCancel: closeEditor,
    });
  };
  const closeEditor = () => {
    replace(editor);
    list.hidden = false;
  };

  // Turning on or off acts at once; deleting asks once more in place.
  const act = async (rule, path, method, done) => {
    try {
      await api(`/api/rules/${encodeURIComponent(rule.id)}${path}`, { method });
      replace(notice, h('p', { class: 'notice' }, done));
      pager.start();
    } catch (error) {
      replace(notice, problemBanner(error, { heading: `Rule “${rule.name}” was not changed` }));
    }
  };

  function ruleRow(rule) {
    const enabled = rule.enabled !== false;
    const remove = confirmButton({
      label: 'Delete', ariaLabel: `Delete rule ${rule.name}`, confirmAriaLabel: `Confirm: delete rule ${rule.name}`,
      onConfirm: () => act(rule, '', 'DELETE', `Rule “${rule.name}” deleted.`),
    });
    return h('tr', { 'data-rule-id': rule.id },
      h('th', { scope: 'row' }, rule.name, h('br'), h('code', { class: 'muted' }, rule.id)),
      h('td', { 'data-label': 'State' }, h('span', { class: `badge ${enabled ? 'ok' : 'off'}` }, enabled ? 'Enabled' : 'Disabled')),
      h('td', { 'data-label': 'Sensors' }, (rule.sensorIds ?? []).join(', ')),
      h('td', { 'data-label': 'Condition' }, rule.condition?.type ?? '—'),
      h('td', { 'data-label': 'Actions' }, (rule.actions ?? []).map((a) => a.type).join(', ')),
      h('td', { class: 'row-actions' }, canWrite()
        ? [
          h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Edit rule ${rule.name}`, onclick: () => openEditor(rule) }, 'Edit'),
          h('button', {
            type: 'button', class: 'button small secondary', 'aria-label': `${enabled ? 'Turn off' : 'Turn on'} rule ${rule.name}`,
            onclick: () => act(rule, enabled ? '/disable' : '/enable', 'POST', `Rule “${rule.name}” turned ${enabled ? 'off' : 'on'}.`),
          }, enabled ? 'Turn off' : 'Turn on'),
          remove,
        ]
        : null));
  }

  replace(list,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Rules'),
      h('thead', {}, h('tr', {},
        ['Rule', 'State', 'Sensors', 'Condition', 'Actions', ''].map((title) => h('th', { scope: 'col' }, title)))),
      body)),
    pager.element);

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Rules'),
      canWrite() ? h('button', { type: 'button', class: 'button', onclick: () => openEditor(null) }, 'New rule') : null),
    notice,
    editor,
    list);
  pager.start();
}
