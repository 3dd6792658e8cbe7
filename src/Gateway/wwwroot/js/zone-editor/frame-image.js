import { listPage } from '../api.js';

// The picture under the zones: the newest clip thumbnail of the sensor's camera. There is no "latest frame" endpoint;
// clips are listed newest first per camera, so one small page of /api/clips is the whole cost. A few clips rather
// than one, because an upload may lack its thumbnail; older than that is not worth a further request.

const LOOK_AT = 5;

/** { url, startAt } of the camera's newest thumbnail, or null when it has none (or no camera is chosen). */
export async function latestThumbnail(cameraId) {
  if (!cameraId) return null;
  const { items } = await listPage('/api/clips', { cameraId, limit: LOOK_AT });
  const clip = items.find((c) => c.thumbnailUrl);
  return clip ? { url: clip.thumbnailUrl, startAt: clip.startAt } : null;
}
