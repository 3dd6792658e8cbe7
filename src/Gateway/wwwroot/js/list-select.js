import { listPage } from './api.js';
import { h } from './dom.js';
import { selectedSite } from './state.js';

// A filter dropdown of the selected site's cameras, rules, … (one page of up to 500, by name): the filters of the
// events and clips views. `onItems` sees the listed items (the camera names are remembered for display).

export function listSelect({ id, name, path, allLabel, selected = '', onItems = () => {} }) {
  const select = h('select', { id, name }, h('option', { value: '' }, allLabel));
  listPage(path, { siteId: selectedSite(), limit: 500 }).then(({ items }) => {
    onItems(items);
    for (const item of items) select.append(h('option', { value: item.id, selected: item.id === selected }, item.name || item.id));
  }).catch(() => {
    // The listing below reports API failures; the filter just stays at its "all" option.
  });
  return select;
}
