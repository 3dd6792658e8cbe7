// Builds DOM nodes from data without ever parsing strings as HTML: names, messages and ids come from users and
// devices, so text always goes in as text nodes (no innerHTML anywhere in the UI).

/**
 * h('button', { type: 'button', onclick: fn, class: 'x' }, 'Label', child, [more, children])
 * Attributes: `class`, `for`, `aria-*`, `data-*` and other strings become attributes; `on*` functions become
 * listeners; anything else (value, checked, disabled, hidden, src) is set as a property. null/false are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class' || name === 'for' || name === 'role' || name.startsWith('aria-') || name.startsWith('data-')) {
      element.setAttribute(name, value === true ? 'true' : String(value));
    } else {
      element[name] = value;
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}
