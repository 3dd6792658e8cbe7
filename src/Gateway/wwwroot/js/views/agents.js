import { listPage } from '../api.js';
import { agentKeyShownOnce } from '../agent-key.js';
import { renderAgentDetail } from '../agent-detail.js';
import { configuration, presence, spool } from '../agent-health.js';
import { h, replace } from '../dom.js';
import { fieldSet, formErrors, saveForm } from '../form-fields.js';
import { formatBytes } from '../format.js';
import { createPager } from '../pager.js';
import { selectedSite, state } from '../state.js';
import { unregisteredAgents } from '../unregistered-agents.js';

// Edge agents of the selected site (#/agents): whether each is online, what it last reported and whether it runs
// the configuration its cameras need. Admins register agents; the answer's config key is shown here once. One
// agent's page (#/agents?agentId=…) shows each camera it reports and rotates its key or deletes it.

export function renderAgents(container, params) {
  const agentId = params.get('agentId');
  if (agentId) return renderAgentDetail(container, agentId);

  const isAdmin = state.caller?.role === 'admin';
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const editor = h('div');
  const body = h('tbody');
  const stray = h('div');

  const pager = createPager(
    (cursor) => listPage('/api/agents', { siteId: selectedSite() }, cursor),
    (agents, first) => {
      if (first) replace(body);
      for (const agent of agents) body.append(agentRow(agent));
    },
    { onEmpty: () => body.append(h('tr', {}, h('td', { colSpan: 9, class: 'empty' }, 'No edge agents on this site.'))) });

  const openRegister = () => {
    replace(notice);
    renderRegisterForm(editor, {
      onSaved: (registered) => {
        replace(editor);
        // The key stays on screen until the user leaves the view: it is not shown again.
        replace(notice, agentKeyShownOnce(registered));
        pager.start();
      },
      onCancel: () => replace(editor),
    });
  };

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Edge agents'),
      isAdmin ? h('button', { type: 'button', class: 'button', onclick: openRegister }, 'Register agent') : null),
    notice,
    editor,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table agents' },
      h('caption', { class: 'visually-hidden' }, 'Edge agents and their newest heartbeat'),
      h('thead', {}, h('tr', {},
        ['Agent', 'Site', 'State', 'Version', 'Configuration', 'Disk free', 'Spool', 'Cameras', ''].map((title) => h('th', { scope: 'col' }, title)))),
      body)),
    pager.element,
    stray);
  pager.start();
  // A secondary panel: when it cannot be read, the registered agents above are still the page.
  unregisteredAgents().then((section) => replace(stray, section)).catch(() => replace(stray));
  return null;
}

function agentRow(agent) {
  const reported = agent.reported;
  return h('tr', { 'data-agent-id': agent.id },
    h('th', { scope: 'row' }, agent.name, h('br'), h('code', { class: 'muted' }, agent.id)),
    h('td', { 'data-label': 'Site' }, state.sites.find((s) => s.id === agent.siteId)?.name ?? agent.siteId),
    h('td', { 'data-label': 'State' }, presence(agent)),
    h('td', { 'data-label': 'Version' }, reported?.version ?? '—'),
    h('td', { 'data-label': 'Configuration' }, configuration(agent)),
    h('td', { 'data-label': 'Disk free' }, reported ? formatBytes(reported.diskFreeBytes) : '—'),
    h('td', { 'data-label': 'Spool' }, reported ? spool(reported) : '—'),
    h('td', { 'data-label': 'Cameras' }, String(agent.cameras)),
    h('td', { class: 'row-actions' },
      h('a', { class: 'button small secondary', href: `#/agents?agentId=${encodeURIComponent(agent.id)}`, 'aria-label': `Open edge agent ${agent.name}` }, 'Open')));
}

/** The registration form (POST /api/agents): its answer holds the config key, shown once by the view. */
function renderRegisterForm(container, { onSaved, onCancel }) {
  const scoped = state.caller?.siteId;
  const chosen = scoped ?? selectedSite();
  const fields = fieldSet('agent');
  const id = h('input', { autocomplete: 'off', spellcheck: false });
  const siteId = h('select', { disabled: Boolean(scoped) },
    scoped ? null : h('option', { value: '' }, 'Choose a site'),
    state.sites.map((s) => h('option', { value: s.id, selected: s.id === chosen }, s.name)));
  const name = h('input', { autocomplete: 'off' });
  const rows = h('div', { class: 'field-row' },
    fields.add('id', 'Agent id', id, { hint: 'The agent’s EdgeAgent:AgentId. Letters, digits, ".", "_", "-" or ":".' }),
    fields.add('siteId', 'Site', siteId, { hint: 'It records cameras of this site only.' }),
    fields.add('name', 'Name', name, { hint: 'Where it runs: "Gate house NUC".' }));
  const fieldErrors = formErrors({ ...fields, title: 'The agent was not registered' });
  replace(container, saveForm({
    noun: 'agent', verb: 'Register', collection: '/api/agents', editing: false, rows, fieldErrors, onSaved, onCancel,
    read: () => ({ body: { id: id.value.trim(), siteId: siteId.value || null, name: name.value.trim() }, errors: {} }),
  }));
  id.focus();
}
