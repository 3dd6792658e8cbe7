import { listPage } from './api.js';
import { h } from './dom.js';
import { rememberCameras, selectedSite } from './state.js';

// A "Camera" dropdown limited to the selected site, for the filters of the events and clips views.

export function cameraSelect(id, selected = '') {
  const select = h('select', { id, name: 'cameraId' }, h('option', { value: '' }, 'All cameras'));
  listPage('/api/cameras', { siteId: selectedSite(), limit: 500 }).then(({ items }) => {
    rememberCameras(items);
    for (const camera of items) select.append(h('option', { value: camera.id, selected: camera.id === selected }, camera.name));
  }).catch(() => {
    // The listing below reports API failures; the filter just stays at "All cameras".
  });
  return select;
}
