// Frame geometry of the zone editor, free of the DOM so that it reads (and can be checked) on its own. Points are in
// the sensor's frame: pixels, x to the right, y downwards, 0 to frameWidth and 0 to frameHeight inclusive (what the
// gateway accepts). The drawing surface shows the whole frame stretched to its box, so one mapping serves both axes.

/** The frame point under a pointer at (clientX, clientY) on a surface whose box is `rect`: clamped, whole pixels. */
export function toFrame(clientX, clientY, rect, frame) {
  return clampPoint({
    x: ((clientX - rect.left) / rect.width) * frame.width,
    y: ((clientY - rect.top) / rect.height) * frame.height,
  }, frame);
}

/** `point` moved inside the frame and rounded to whole pixels (sub-pixel precision means nothing to a detector box). */
export function clampPoint(point, frame) {
  const clamp = (value, max) => Math.min(max, Math.max(0, Math.round(Number(value) || 0)));
  return { x: clamp(point.x, frame.width), y: clamp(point.y, frame.height) };
}

/**
 * The arrow of a line's a-to-b crossing, as the grains decide it (CrossingDirection, PlanarGeometry.Cross): the side
 * of P is the sign of cross(B − A, P − A), and a-to-b goes from ≤ 0 to > 0, i.e. towards A→B turned 90° clockwise on
 * screen (y down). The arrow starts at the line's middle and is `length` frame pixels long. Null for a point-line.
 */
export function crossingArrow(a, b, length) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const norm = Math.hypot(dx, dy);
  if (norm === 0) return null;
  const from = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  // (dx, dy) turned clockwise on a y-down screen is (−dy, dx): for A left of B that points down the picture.
  return { from, to: { x: from.x - (dy / norm) * length, y: from.y + (dx / norm) * length } };
}

/** The three points of an arrow head at `to`, coming from `from`, `size` long. */
export function arrowHead(from, to, size) {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const wing = (turn) => ({ x: to.x - size * Math.cos(angle + turn), y: to.y - size * Math.sin(angle + turn) });
  return [to, wing(Math.PI / 7), wing(-Math.PI / 7)];
}

/** Where a shape's name goes: the mean of its points. */
export function labelPoint(points) {
  const sum = points.reduce((total, p) => ({ x: total.x + p.x, y: total.y + p.y }), { x: 0, y: 0 });
  return { x: sum.x / points.length, y: sum.y / points.length };
}

/** An id not yet used by any zone or line (the gateway wants them distinct across both): zone-1, zone-2, … */
export function freshId(prefix, shapes) {
  const taken = new Set(shapes.map((shape) => shape.id));
  let n = 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** A zone's polygon or a line's [a, b]. */
export function pointsOf(shape) {
  return shape.polygon ?? [shape.a, shape.b];
}

/** Sets point `index` of a zone (its polygon) or a line (0: a, 1: b). */
export function setPoint(shape, index, value) {
  if (shape.polygon) shape.polygon[index] = value;
  else shape[index === 0 ? 'a' : 'b'] = value;
}
