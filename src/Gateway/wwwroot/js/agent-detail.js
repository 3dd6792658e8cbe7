import { api, listPage } from './api.js';
import { agentKeyShownOnce } from './agent-key.js';
import { configuration, presence, spool } from './agent-health.js';
import { confirmButton } from './confirm-button.js';
import { h, replace } from './dom.js';
import { formatBytes, formatSeconds, formatTime } from './format.js';
import { problemBanner } from './problem.js';
import { cameraName, rememberCameras, state } from './state.js';

// One edge agent's page (#/agents?agentId=…): its newest heartbeat and each camera as the agent reported it. Admins
// rotate its config key (the new one shown once, here) or delete it (refused with the reason while cameras name it).

export function renderAgentDetail(container, agentId) {
  const isAdmin = state.caller?.role === 'admin';
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const content = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const back = h('p', {}, h('a', { href: '#/agents' }, '← All edge agents'));
  replace(container, back, notice, content);

  async function load() {
    try {
      const agent = await api(`/api/agents/${encodeURIComponent(agentId)}`);
      // The reported cameras are shown by name where the site's cameras know it.
      await listPage('/api/cameras', { siteId: agent.siteId, limit: 500 }).then(({ items }) => rememberCameras(items)).catch(() => {});
      replace(content, agentPage(agent));
    } catch (error) {
      replace(content, problemBanner(error, { heading: `Edge agent “${agentId}” could not be read` }));
    }
  }

  function agentPage(agent) {
    const reported = agent.reported;
    const site = state.sites.find((s) => s.id === agent.siteId)?.name ?? agent.siteId;
    return [
      h('div', { class: 'page-header' }, h('h1', {}, `Edge agent ${agent.name}`),
        isAdmin ? h('div', { class: 'button-row' }, rotateButton(agent), deleteButton(agent)) : null),
      h('dl', { class: 'card agent-facts' },
        fact('Id', h('code', {}, agent.id)),
        fact('Site', site),
        fact('State', presence(agent)),
        fact('Configuration', configuration(agent)),
        fact('Cameras naming it', String(agent.cameras)),
        fact('Version', reported?.version ?? '—'),
        fact('Disk free', reported ? formatBytes(reported.diskFreeBytes) : '—'),
        fact('Spool', reported ? spool(reported) : '—'),
        fact('Registered', formatTime(agent.createdAt))),
      h('h2', {}, 'Cameras it reports'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
        h('caption', { class: 'visually-hidden' }, `Cameras edge agent ${agent.name} reports`),
        h('thead', {}, h('tr', {}, ['Camera', 'Connected', 'Problem', 'Last error', 'Cache', 'Continuous'].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, reported?.cameras?.length
          ? reported.cameras.map((camera) => cameraRow(camera, reported.problemReasons))
          : h('tr', {}, h('td', { colSpan: 6, class: 'empty' }, reported ? 'It reports no cameras.' : 'It has not reported yet.'))))),
    ];
  }

  function rotateButton(agent) {
    return confirmButton({
      label: 'Rotate key', ariaLabel: `Rotate the config key of edge agent ${agent.name}`,
      confirmAriaLabel: `Confirm: rotate the config key of edge agent ${agent.name}; it cannot open its cameras' passwords until it runs with the new one`,
      onConfirm: async () => {
        try {
          const rotated = await api(`/api/agents/${encodeURIComponent(agent.id)}/config-key`, { method: 'POST' });
          replace(notice, agentKeyShownOnce(rotated, { rotated: true }));
          replace(content, agentPage(rotated.agent));
        } catch (error) {
          replace(notice, problemBanner(error, { heading: 'The key was not rotated' }));
        }
      },
    });
  }

  function deleteButton(agent) {
    return confirmButton({
      label: 'Delete', ariaLabel: `Delete edge agent ${agent.name}`, confirmAriaLabel: `Confirm: delete edge agent ${agent.name}`,
      onConfirm: async () => {
        try {
          await api(`/api/agents/${encodeURIComponent(agent.id)}`, { method: 'DELETE' });
          replace(content);
          replace(notice, h('p', { class: 'notice' }, `Edge agent “${agent.name}” deleted.`));
        } catch (error) {
          // 409 while cameras name it: the problem's detail says what to do first.
          replace(notice, problemBanner(error, { heading: `Edge agent “${agent.name}” was not deleted` }));
        }
      },
    });
  }

  void load();
  return null;
}

function fact(term, description) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, description));
}

/** @param reasons the gateway's sentence per camera id for each problem the agent reported */
function cameraRow(camera, reasons) {
  const id = camera.cameraId;
  return h('tr', { 'data-camera-id': id },
    h('th', { scope: 'row' }, cameraName(id), cameraName(id) === id ? null : [h('br'), h('code', { class: 'muted' }, id)],
      camera.source === 'local' ? h('span', { class: 'muted' }, ' (agent’s own configuration)') : null),
    h('td', { 'data-label': 'Connected' }, h('span', { class: `badge ${camera.connected ? 'ok' : 'bad'}` }, camera.connected ? 'Connected' : 'Not connected')),
    h('td', { 'data-label': 'Problem' }, camera.problem ? (reasons[camera.cameraId] ?? camera.problem) : 'None'),
    h('td', { 'data-label': 'Last error' }, camera.lastError ?? '—'),
    h('td', { 'data-label': 'Cache' }, formatSeconds(camera.cacheSeconds)),
    h('td', { 'data-label': 'Continuous' }, camera.continuous
      ? `Yes, uploaded through ${camera.uploadedThrough ? formatTime(camera.uploadedThrough) : 'nothing yet'}`
      : 'No'));
}
