import { listPage } from '../api.js';
import { h, replace } from '../dom.js';
import { createPager } from '../pager.js';
import { renderRuleForm } from '../rule-form.js';
import { canWrite } from '../state.js';

// Rules: a list, and the editor (rule-form.js) for a new or an existing rule.

export function renderRules(container) {
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const editor = h('div');
  const body = h('tbody');
  const list = h('div', {});

  const pager = createPager(
    (cursor) => listPage('/api/rules', {}, cursor),
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

  function ruleRow(rule) {
    return h('tr', { 'data-rule-id': rule.id },
      h('th', { scope: 'row' }, rule.name, h('br'), h('code', { class: 'muted' }, rule.id)),
      h('td', {}, h('span', { class: `badge ${rule.enabled === false ? 'off' : 'ok'}` }, rule.enabled === false ? 'Disabled' : 'Enabled')),
      h('td', {}, (rule.sensorIds ?? []).join(', ')),
      h('td', {}, rule.condition?.type ?? '—'),
      h('td', {}, (rule.actions ?? []).map((a) => a.type).join(', ')),
      h('td', {}, canWrite()
        ? h('button', { type: 'button', class: 'button small secondary', 'aria-label': `Edit rule ${rule.name}`, onclick: () => openEditor(rule) }, 'Edit')
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
