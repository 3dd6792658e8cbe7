import { listPage } from './api.js';
import { h } from './dom.js';
import { rememberCameras, selectedSite } from './state.js';

// A "Camera" dropdown limited to the selected site, for the filters of the events, clips and recordings views.

export function cameraSelect(id, selected = '') {
  const select = h('select', { id, name: 'cameraId' }, h('option', { value: '' }, 'All cameras'));
  // `loaded` settles once the names are known (never rejects), for views that show camera names in their rows.
  select.loaded = listPage('/api/cameras', { siteId: selectedSite(), limit: 500 }).then(({ items }) => {
    rememberCameras(items);
    for (const camera of items) select.append(h('option', { value: camera.id, selected: camera.id === selected }, camera.name));
  }).catch(() => {
    // The listing below reports API failures; the filter just stays at "All cameras".
  });
  return select;
}
