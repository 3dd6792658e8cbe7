import uPlot from '../lib/uplot/uPlot.esm.js';

// Time charts drawn with uPlot (npm "uplot", served from /lib/uplot: see Gateway.csproj). Times are epoch seconds and
// read in the browser's time zone, the zone the metrics are bucketed in. A chart follows its box's width, so it
// shrinks with the window down to a phone; its colours come from the page's CSS custom properties (light and dark).

const HEIGHT = 220;
const PHONE_HEIGHT = 180;

/**
 * A chart in a box that fills its parent's width. `series`: [{ label, kind: 'bars-left' | 'bars-right' | 'step', color }]
 * (CSS custom property names such as '--chart-1'); `data`: [xs, ...ys]; `range`: [min, max] of x in epoch seconds.
 * Returns { element, destroy }.
 */
export function timeChart({ series, data, range, yLabel }) {
  const element = document.createElement('div');
  element.className = 'chart';
  let plot = null;
  const size = () => ({ width: Math.max(element.clientWidth, 200), height: matchMedia('(max-width: 640px)').matches ? PHONE_HEIGHT : HEIGHT });
  const observer = new ResizeObserver(() => {
    if (!element.isConnected) return;
    if (plot) plot.setSize(size());
    else plot = new uPlot(options(series, range, yLabel, size()), data, element);
  });
  observer.observe(element);
  return {
    element,
    destroy() {
      observer.disconnect();
      plot?.destroy();
    },
  };
}

function options(series, range, yLabel, { width, height }) {
  const style = getComputedStyle(document.documentElement);
  const color = (name) => style.getPropertyValue(name).trim() || '#888';
  const axis = { stroke: color('--muted'), grid: { stroke: color('--border'), width: 1 }, ticks: { stroke: color('--border'), width: 1 } };
  return {
    width,
    height,
    // Room on the right for the last time label, which is centred on the range's end.
    padding: [8, 32, 0, 0],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    scales: { x: { time: true, range: () => range }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] } },
    axes: [
      { ...axis, space: 80 },
      { ...axis, label: yLabel, labelSize: 20, size: 44, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000] },
    ],
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        stroke: color(s.color),
        // Bars without an outline: an empty bucket draws nothing rather than a hairline on the axis.
        width: s.kind === 'step' ? 2 : 0,
        fill: s.kind === 'step' ? translucent(color(s.color), 0.15) : color(s.color),
        points: { show: false },
        paths: s.kind === 'step'
          ? uPlot.paths.stepped({ align: 1 })
          : uPlot.paths.bars({ align: s.kind === 'bars-left' ? -1 : 1, size: [0.4, 60, 1] }),
        value: (_u, v) => (v === null || v === undefined ? '—' : String(v)),
      })),
    ],
  };
}

/** '#1f5fbf' at `alpha` as rgba() (canvas fills take no color-mix()); other colour syntaxes are returned as they are. */
function translucent(hex, alpha) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return match ? `rgba(${match.slice(1).map((part) => parseInt(part, 16)).join(', ')}, ${alpha})` : hex;
}
