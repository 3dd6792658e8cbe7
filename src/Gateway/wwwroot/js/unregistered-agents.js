import { api } from './api.js';
import { presence } from './agent-health.js';
import { h } from './dom.js';

// Agents that send heartbeats without being registered: standalone boxes recording their own cameras, or an agent
// whose id was mistyped (its cameras then never get their settings). Shown under the registered ones when there are any.

export async function unregisteredAgents() {
  const agents = await api('/api/agents/unregistered');
  if (agents.length === 0) return null;
  return h('section', { class: 'unregistered-agents' },
    h('h2', {}, 'Heartbeats from agents that are not registered'),
    h('p', { class: 'muted' }, 'They record only the cameras of their own configuration file. Register an agent under the same id to give it cameras from here.'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Agent', 'Site it reports', 'State', 'Version', 'Cameras'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, agents.map((agent) => h('tr', { 'data-agent-id': agent.agentId },
        h('th', { scope: 'row' }, h('code', {}, agent.agentId)),
        h('td', { 'data-label': 'Site it reports' }, agent.site ?? '—'),
        h('td', { 'data-label': 'State' }, presence({ online: agent.online, reported: agent.reported })),
        h('td', { 'data-label': 'Version' }, agent.reported.version),
        h('td', { 'data-label': 'Cameras' }, agent.reported.cameras.map((c) => c.cameraId).join(', ') || '—')))))));
}
