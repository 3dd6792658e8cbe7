import { h } from './dom.js';
import { secretShownOnce } from './secret-once.js';

// An edge agent's config key, answered once by registration (POST /api/agents) or rotation
// (POST /api/agents/{id}/config-key). The agent needs it to open its cameras' RTSP passwords, which the gateway seals
// with it; the gateway never shows it again, so this says where it goes before the user leaves the page.

export function agentKeyShownOnce({ agent, configKey }, { rotated = false } = {}) {
  return secretShownOnce({
    id: 'agent-config-key',
    label: `${rotated ? 'New config key' : 'Config key'} of edge agent “${agent.name}”`,
    secret: configKey,
    hint: 'Copy it now: it is shown this once and will not be shown again. '
      + (rotated ? 'Until the agent runs with it, it cannot open its cameras’ passwords.' : 'The agent needs it to open its cameras’ passwords.'),
    details: h('dl', { class: 'agent-settings' },
      h('dt', {}, h('code', {}, 'EdgeAgent:AgentId')), h('dd', {}, h('code', {}, agent.id)),
      h('dt', {}, h('code', {}, 'EdgeAgent:ConfigKey')), h('dd', {}, 'the key below')),
  });
}
