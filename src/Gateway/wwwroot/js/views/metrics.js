import { api, listPage } from '../api.js';
import { timeChart } from '../chart.js';
import { downloadCsv } from '../csv.js';
import { h, replace } from '../dom.js';
import { formatMinute, isoToLocalInput, localInputToIso } from '../format.js';
import { problemBanner } from '../problem.js';
import { selectedSite } from '../state.js';

// What a sensor counted: per zone, entries and exits per interval and the most objects present at once; per line,
// crossings each way. GET /api/sensors/{id}/metrics/traffic buckets the counts in the browser's time zone (`tz`),
// so each bar is a local minute, hour or day. The API leaves out buckets without counts: the view fills them
// with zeros, so that the charts, the tables beside them and the CSV download hold the same rows.

const RANGES = {
  '1h': { label: 'Last hour', hours: 1, bucket: '5m' },
  '24h': { label: 'Last 24 hours', hours: 24, bucket: '1h' },
  '7d': { label: 'Last 7 days', hours: 24 * 7, bucket: '1d' },
  custom: { label: 'Custom', bucket: '1h' },
};
const BUCKETS = { '1m': '1 minute', '5m': '5 minutes', '15m': '15 minutes', '1h': '1 hour', '6h': '6 hours', '1d': '1 day' };
const MAX_BUCKETS = 10_000;

export function renderMetrics(container, params) {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const rangeKey = RANGES[params.get('range')] ? params.get('range') : '24h';
  const inputs = {
    sensor: h('select', { id: 'metrics-sensor', name: 'sensor', disabled: true }, h('option', { value: '' }, 'Loading…')),
    zone: h('select', { id: 'metrics-zone', name: 'zone' }, h('option', { value: '' }, 'All zones and lines')),
    className: h('input', { id: 'metrics-class', name: 'class', value: params.get('class') ?? '', placeholder: 'All classes', autocomplete: 'off', spellcheck: false }),
    range: h('select', { id: 'metrics-range', name: 'range' },
      Object.entries(RANGES).map(([key, { label }]) => h('option', { value: key, selected: key === rangeKey }, label))),
    from: h('input', { id: 'metrics-from', name: 'from', type: 'datetime-local', value: isoToLocalInput(params.get('from')) }),
    to: h('input', { id: 'metrics-to', name: 'to', type: 'datetime-local', value: isoToLocalInput(params.get('to')) }),
    bucket: h('select', { id: 'metrics-bucket', name: 'bucket' },
      Object.entries(BUCKETS).map(([key, label]) => h('option', { value: key, selected: key === (params.get('bucket') ?? RANGES[rangeKey].bucket) }, label))),
  };
  const field = (label, input, attributes = {}) => h('div', { class: 'field', ...attributes }, h('label', { for: input.id }, label), input);
  const customFields = [field('From', inputs.from, { 'data-custom': '' }), field('To', inputs.to, { 'data-custom': '' })];
  const download = h('button', { type: 'button', class: 'button secondary', disabled: true, onclick: () => shown && downloadCsv(csvName(shown), csvRows(shown)) }, 'Download CSV');
  const status = h('p', { class: 'muted metrics-status', 'aria-live': 'polite' });
  const results = h('div', { class: 'metrics-results' });
  let sensors = [];
  let shown = null; // the data on screen, which the CSV download writes
  let charts = [];
  let loads = 0;

  const showCustom = () => { for (const f of customFields) f.hidden = inputs.range.value !== 'custom'; };
  showCustom();

  const form = h('form', {
    class: 'filters metrics-filters', 'aria-label': 'Metrics',
    onsubmit: (event) => { event.preventDefault(); void load(); },
    onchange: (event) => {
      if (event.target === inputs.sensor) showZones(params.get('zone'));
      if (event.target === inputs.range) {
        inputs.bucket.value = RANGES[inputs.range.value].bucket;
        if (inputs.range.value === 'custom' && !inputs.from.value) prefillCustom();
        showCustom();
      }
      // Typing a class or a custom time waits for Apply (or Enter); a choice from a list shows at once.
      if (event.target.tagName === 'SELECT') void load();
    },
  },
  field('Sensor', inputs.sensor), field('Zone or line', inputs.zone), field('Class', inputs.className),
  field('Range', inputs.range), customFields, field('Interval', inputs.bucket),
  h('div', { class: 'field actions' },
    h('button', { type: 'submit', class: 'button' }, 'Apply'), download));

  replace(container,
    h('div', { class: 'page-header' }, h('h1', {}, 'Metrics'), h('p', { class: 'muted' }, `Times in ${timeZone}`)),
    form, status, results);
  void start();
  return () => clearCharts();

  async function start() {
    try {
      sensors = await siteSensors(selectedSite());
    } catch (error) {
      replace(results, problemBanner(error, { heading: 'The sensors could not be listed' }));
      replace(inputs.sensor, h('option', { value: '' }, '—'));
      return;
    }
    if (sensors.length === 0) {
      replace(inputs.sensor, h('option', { value: '' }, '—'));
      replace(results, h('p', { class: 'empty' }, 'This site has no sensors yet: add one under ', h('a', { href: '#/sensors' }, 'Sensors'),
        ', and what it counts shows here.'));
      return;
    }
    const wanted = params.get('sensor');
    replace(inputs.sensor, sensors.map((s) => h('option', { value: s.id, selected: s.id === wanted }, s.name || s.id)));
    inputs.sensor.disabled = false;
    showZones(params.get('zone'));
    await load();
  }

  function showZones(wanted) {
    const sensor = currentSensor();
    replace(inputs.zone, h('option', { value: '' }, 'All zones and lines'),
      (sensor?.zones ?? []).map((z) => h('option', { value: z.id, selected: z.id === wanted }, `${z.name || z.id} (zone)`)),
      (sensor?.lines ?? []).map((l) => h('option', { value: l.id, selected: l.id === wanted }, `${l.name || l.id} (line)`)));
  }

  function currentSensor() {
    return sensors.find((s) => s.id === inputs.sensor.value) ?? null;
  }

  function prefillCustom() {
    const now = new Date();
    inputs.to.value = isoToLocalInput(now.toISOString());
    inputs.from.value = isoToLocalInput(new Date(now.getTime() - 24 * 3600_000).toISOString());
  }

  async function load() {
    const sensor = currentSensor();
    if (!sensor) return;
    const mine = ++loads;
    const range = inputs.range.value;
    const now = Date.now();
    const query = {
      from: range === 'custom' ? localInputToIso(inputs.from.value) : new Date(now - RANGES[range].hours * 3600_000).toISOString(),
      to: range === 'custom' ? localInputToIso(inputs.to.value) : new Date(now).toISOString(),
      bucket: inputs.bucket.value,
      tz: timeZone,
      zone: inputs.zone.value,
      className: inputs.className.value.trim(),
    };
    rememberInUrl({ sensor: sensor.id, zone: query.zone, class: query.className, range, bucket: query.bucket,
      from: range === 'custom' ? query.from : null, to: range === 'custom' ? query.to : null });
    download.disabled = true;
    results.setAttribute('aria-busy', 'true');
    replace(status, 'Loading…');
    try {
      const traffic = await api(`/api/sensors/${encodeURIComponent(sensor.id)}/metrics/traffic`, { query });
      if (mine !== loads) return;
      shown = { sensor, className: query.className, traffic, groups: groupByZone(sensor, query.zone, traffic) };
      show(shown);
    } catch (error) {
      if (mine !== loads) return;
      shown = null;
      clearCharts();
      replace(status);
      replace(results, problemBanner(error, { heading: 'The metrics could not be loaded' }));
    } finally {
      if (mine === loads) results.removeAttribute('aria-busy');
    }
  }

  function show({ traffic, groups, className }) {
    clearCharts();
    const period = `${formatMinute(traffic.from)} – ${formatMinute(traffic.to)}, every ${BUCKETS[traffic.bucket] ?? traffic.bucket}`;
    const counted = groups.some((g) => g.rows.some((r) => r.entries || r.exits || r.maxPresent));
    replace(status, `${period}${className ? ` · class ${className}` : ' · all classes'}`);
    if (!counted) {
      replace(results, h('p', { class: 'empty' }, 'Nothing was counted in this range.'));
      return;
    }
    download.disabled = false;
    replace(results, groups.map((group) => zoneCard(group, className)));
  }

  function zoneCard(group, className) {
    const isLine = group.kind === 'line';
    const [inLabel, outLabel] = isLine ? ['A → B', 'B → A'] : ['Entries', 'Exits'];
    const peakLabel = 'Most present';
    const titleId = `metrics-${group.id}-title`;
    const xs = group.rows.map((r) => (r.start + r.end) / 2000);
    const traffic = timeChart({
      series: [{ label: inLabel, kind: 'bars-left', color: '--chart-1' }, { label: outLabel, kind: 'bars-right', color: '--chart-2' }],
      data: [xs, group.rows.map((r) => r.entries), group.rows.map((r) => r.exits)],
      range: [group.from / 1000, group.to / 1000],
      yLabel: isLine ? 'Crossings' : 'Objects',
    });
    charts.push(traffic);
    let occupancy = null;
    if (!isLine) {
      // A step per bucket: the last one is held to the end of the range.
      const last = group.rows.at(-1);
      occupancy = timeChart({
        series: [{ label: peakLabel, kind: 'step', color: '--chart-3' }],
        data: [[...group.rows.map((r) => r.start / 1000), group.to / 1000], [...group.rows.map((r) => r.maxPresent), last?.maxPresent ?? 0]],
        range: [group.from / 1000, group.to / 1000],
        yLabel: 'Present',
      });
      charts.push(occupancy);
    }
    const columns = ['Interval start', inLabel, outLabel, isLine ? null : peakLabel].filter(Boolean);
    return h('section', { class: 'card metrics-zone', 'aria-labelledby': titleId, 'data-zone-id': group.id, 'data-kind': group.kind },
      h('h2', { id: titleId }, group.name, ' ', h('span', { class: 'badge' }, isLine ? 'line' : 'zone')),
      h('h3', {}, isLine ? 'Crossings per interval' : 'Entries and exits per interval'),
      h('figure', { class: 'chart-figure', 'aria-label': `${group.name}: ${isLine ? 'crossings' : 'entries and exits'} per interval, a chart of the table below` },
        traffic.element),
      occupancy
        ? [h('h3', {}, 'Most present at once'),
          // The counts keep a peak per class and minute; over all classes the gateway gives the largest of them, not a sum.
          className ? null : h('p', { class: 'hint' }, 'Of the class with the most: choose a class for its own count.'),
          h('figure', { class: 'chart-figure', 'aria-label': `${group.name}: most present at once per interval, a chart of the table below` }, occupancy.element)]
        : null,
      h('details', { class: 'metrics-table' },
        h('summary', {}, 'Numbers'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'table compact' },
          h('caption', { class: 'visually-hidden' }, `${group.name} per interval`),
          h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, group.rows.map((r) => h('tr', { 'data-start': new Date(r.start).toISOString() },
            h('th', { scope: 'row' }, formatMinute(new Date(r.start).toISOString())),
            h('td', { 'data-label': inLabel, 'data-column': 'entries' }, String(r.entries)),
            h('td', { 'data-label': outLabel, 'data-column': 'exits' }, String(r.exits)),
            isLine ? null : h('td', { 'data-label': peakLabel, 'data-column': 'maxPresent' }, String(r.maxPresent)))))))));
  }

  function clearCharts() {
    for (const chart of charts) chart.destroy();
    charts = [];
  }
}

/**
 * The zones and lines to show, each with one row per bucket of the grid (zeros where the API listed none): the
 * sensor's zones and lines (or the one asked for), plus any the counts name that the sensor no longer has.
 */
function groupByZone(sensor, zoneFilter, traffic) {
  const from = Date.parse(traffic.from);
  const to = Date.parse(traffic.to);
  const known = [...(sensor.zones ?? []).map((z) => ({ ...z, kind: 'zone' })), ...(sensor.lines ?? []).map((l) => ({ ...l, kind: 'line' }))];
  const byZone = new Map();
  for (const item of known) {
    if (!zoneFilter || item.id === zoneFilter) byZone.set(item.id, { id: item.id, name: item.name || item.id, kind: item.kind, counts: new Map() });
  }
  for (const bucket of traffic.buckets ?? []) {
    if (!byZone.has(bucket.zoneId)) byZone.set(bucket.zoneId, { id: bucket.zoneId, name: bucket.zoneId, kind: bucket.kind, counts: new Map() });
    byZone.get(bucket.zoneId).counts.set(Date.parse(bucket.start), bucket);
  }
  return [...byZone.values()].map((zone) => {
    const starts = [...new Set([...bucketStarts(from, to, traffic.bucket), ...zone.counts.keys()])].sort((a, b) => a - b);
    const rows = starts.map((start, i) => {
      const counted = zone.counts.get(start);
      return { start, end: starts[i + 1] ?? to, entries: counted?.entries ?? 0, exits: counted?.exits ?? 0, maxPresent: counted?.maxPresent ?? 0 };
    });
    return { id: zone.id, name: zone.name, kind: zone.kind, from, to, rows };
  });
}

/**
 * The bucket starts from `from` (a bucket start the API returned) up to `to`, stepped on the local wall clock as the
 * gateway lays them out: the zone sent as `tz` is the browser's own, so Date's local arithmetic follows the same
 * calendar (a day is 23 or 25 hours across a DST change).
 */
function bucketStarts(from, to, bucket) {
  const count = Number.parseInt(bucket, 10);
  const minutes = { m: 1, h: 60 }[bucket.at(-1)];
  const origin = new Date(from);
  const starts = [];
  for (let i = 0; starts.length < MAX_BUCKETS; i++) {
    const next = minutes
      ? new Date(origin.getFullYear(), origin.getMonth(), origin.getDate(), origin.getHours(), origin.getMinutes() + i * count * minutes)
      : new Date(origin.getFullYear(), origin.getMonth(), origin.getDate() + i * count);
    if (next.getTime() >= to) break;
    if (starts.at(-1) !== next.getTime()) starts.push(next.getTime());
  }
  return starts;
}

function csvName({ sensor, traffic }) {
  const stamp = (iso) => iso.slice(0, 16).replace(/[^0-9T]/g, '');
  return `metrics-${sensor.id}-${stamp(traffic.from)}-${stamp(traffic.to)}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The rows of the tables on screen, one per zone or line and bucket; times as ISO instants with the zone's offset. */
function csvRows({ sensor, traffic, groups, className }) {
  return [
    ['sensor', 'zone', 'kind', 'class', 'start', 'end', 'time_zone', 'entries', 'exits', 'max_present'],
    ...groups.flatMap((group) => group.rows.map((r) => [
      sensor.id, group.id, group.kind, className || '', isoWithOffset(r.start), isoWithOffset(r.end), traffic.timeZone,
      r.entries, r.exits, group.kind === 'line' ? '' : r.maxPresent,
    ])),
  ];
}

/** An instant as local wall time with its UTC offset ("2026-03-08T01:00:00-05:00"), as the API writes bucket starts. */
function isoWithOffset(ms) {
  const date = new Date(ms);
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
    + (offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`);
}

/** The sensors of `siteId` ('' for all the caller sees). */
async function siteSensors(siteId) {
  const sensors = [];
  let cursor = null;
  do {
    const page = await listPage('/api/sensors', { siteId, limit: 500 }, cursor);
    sensors.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return sensors;
}

/** The view's choices in the address, so that a reload or a shared link shows the same (no hashchange: no re-render). */
function rememberInUrl(choices) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(choices)) if (value) params.set(key, value);
  history.replaceState(null, '', `#/metrics?${params}`);
}
