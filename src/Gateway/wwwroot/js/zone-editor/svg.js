// SVG nodes for the drawing surface. dom.js's h() makes HTML elements; SVG needs its namespace. Like h(), text only
// ever goes in as text (names come from users).

const NS = 'http://www.w3.org/2000/svg';

/** s('circle', { cx: 1, r: 2, class: 'x' }, child…): attributes are set as attributes; null/false are skipped. */
export function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** "x1,y1 x2,y2 …" for a polygon or polyline. */
export function pointList(points) {
  return points.map((p) => `${p.x},${p.y}`).join(' ');
}
