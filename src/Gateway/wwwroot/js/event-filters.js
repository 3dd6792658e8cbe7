import { cameraSelect } from './camera-select.js';
import { h } from './dom.js';
import { localInputToIso } from './format.js';
import { listSelect } from './list-select.js';
import { selectedSite } from './state.js';

// The review timeline's filters (camera, sensor, rule, class, zone, severity, time range, reviewed state; the site is the
// header's) as form fields, and the /api/events query they make. Initial values come from the route's parameters,
// so that a link can open a filtered timeline.

export function eventFilters(params) {
  const text = (id, name) => h('input', { id, name, value: params.get(name) ?? '' });
  const choice = (id, name, options) => h('select', { id, name },
    options.map(([value, label]) => h('option', { value, selected: value === (params.get(name) ?? '') }, label)));
  const inputs = {
    cameraId: cameraSelect('events-camera', params.get('cameraId') ?? ''),
    sensorId: text('events-sensor', 'sensorId'),
    ruleId: listSelect({ id: 'events-rule', name: 'ruleId', path: '/api/rules', allLabel: 'All rules', selected: params.get('ruleId') ?? '' }),
    className: text('events-class', 'className'),
    zoneId: text('events-zone', 'zoneId'),
    severity: choice('events-severity', 'severity', [['', 'Any severity'], ['info', 'Info'], ['warning', 'Warning'], ['critical', 'Critical']]),
    reviewed: choice('events-reviewed', 'reviewed', [['', 'Reviewed or not'], ['false', 'Unreviewed'], ['true', 'Reviewed']]),
    from: h('input', { id: 'events-from', name: 'from', type: 'datetime-local' }),
    to: h('input', { id: 'events-to', name: 'to', type: 'datetime-local' }),
  };
  const labels = { cameraId: 'Camera', sensorId: 'Sensor id', ruleId: 'Rule', className: 'Class', zoneId: 'Zone id', severity: 'Severity', reviewed: 'Review', from: 'From', to: 'To' };
  const fields = Object.entries(inputs).map(([name, input]) =>
    h('div', { class: 'field' }, h('label', { for: input.id }, labels[name]), input));

  const query = () => ({
    siteId: selectedSite(), cameraId: inputs.cameraId.value, sensorId: inputs.sensorId.value.trim(),
    ruleId: inputs.ruleId.value, className: inputs.className.value.trim(),
    zoneId: inputs.zoneId.value.trim(), severity: inputs.severity.value, reviewed: inputs.reviewed.value,
    from: localInputToIso(inputs.from.value), to: localInputToIso(inputs.to.value),
  });
  return { fields, query };
}
