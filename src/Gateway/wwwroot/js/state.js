// What every view shares: who is signed in, the site filter, and the names of cameras and sites for display.

const SITE_KEY = 'platform.siteId';

export const state = {
  /** { id, name, role, siteId } from GET /api/session, or null when signed out. */
  caller: null,
  sites: [],
  /** Camera id → camera, filled by whichever view lists cameras, used to show names instead of ids. */
  cameras: new Map(),
};

/** The selected site ('' for all). A site-scoped caller is always on its own site. */
export function selectedSite() {
  return state.caller?.siteId ?? sessionStorage.getItem(SITE_KEY) ?? '';
}

/** Kept per browser tab, so a reload stays on the same site. */
export function selectSite(siteId) {
  sessionStorage.setItem(SITE_KEY, siteId ?? '');
}

export function canWrite() {
  return state.caller?.role === 'operator' || state.caller?.role === 'admin';
}

export function cameraName(id) {
  return state.cameras.get(id)?.name ?? id ?? '—';
}

export function rememberCameras(cameras) {
  for (const camera of cameras) state.cameras.set(camera.id, camera);
}
