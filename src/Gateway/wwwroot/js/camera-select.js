import { listSelect } from './list-select.js';
import { rememberCameras } from './state.js';

// A "Camera" dropdown limited to the selected site, for the filters of the events and clips views.

export function cameraSelect(id, selected = '') {
  return listSelect({ id, name: 'cameraId', path: '/api/cameras', allLabel: 'All cameras', selected, onItems: rememberCameras });
}
