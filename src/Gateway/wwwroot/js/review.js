import { api } from './api.js';

// An event's reviewed state (PUT or DELETE /api/alerts|recordings/{id}/review). Updates `event.review` in place,
// so that every view holding the event shows the same state.

export async function setReviewed(event, reviewed) {
  const family = event.kind === 'alert' ? 'alerts' : 'recordings';
  const path = `/api/${family}/${encodeURIComponent(event.id)}/review`;
  event.review = reviewed ? await api(path, { method: 'PUT' }) : (await api(path, { method: 'DELETE' }), null);
  return event.review;
}
