import { h } from './dom.js';
import { formatAgo, formatBytes } from './format.js';

// How an edge agent's newest heartbeat reads, in the agents list and on an agent's page alike.

/** Online or offline, and when the newest heartbeat arrived. */
export function presence(agent) {
  const at = agent.reported?.receivedAt;
  return [
    h('span', { class: `badge ${agent.online ? 'ok' : 'off'}` }, agent.online ? 'Online' : 'Offline'), ' ',
    h('span', { class: 'muted' }, at ? ['heartbeat ', h('time', { dateTime: at }, formatAgo(at))] : 'never reported'),
  ];
}

/** Whether the agent runs the version its cameras are at ("version x of y"), and why not when it said. */
export function configuration(agent) {
  const running = agent.reported?.configVersion;
  return [
    h('span', { class: `badge ${agent.configApplied ? 'ok' : 'warn'}` }, agent.configApplied ? 'Applied' : 'Pending'), ' ',
    h('span', { class: 'muted' }, running === null || running === undefined
      ? `no version reported yet; current is ${agent.configVersion}`
      : `version ${running} of ${agent.configVersion}`),
    agent.reported?.configError ? h('p', { class: 'field-error' }, agent.reported.configError) : null,
  ];
}

/** The clips waiting on the agent's disk for the upload, and those it had to drop. */
export function spool(reported) {
  return `${reported.spoolCount} clips, ${formatBytes(reported.spoolBytes)}, ${reported.spoolEvictions} evicted`;
}
