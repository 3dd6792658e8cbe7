import { api } from './api.js';
import { h, replace } from './dom.js';
import { formatAgo, formatTime } from './format.js';
import { problemBanner } from './problem.js';

// "Share link": asks the gateway for a presigned URL of the clip (works without an API key until it expires),
// shows it in a read-only field with its expiry and copies it to the clipboard when the browser allows.

export function shareLink(clip) {
  const panel = h('div', { class: 'share-panel', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button small secondary', onclick: () => void share() }, 'Share link');

  async function share() {
    button.disabled = true;
    try {
      const link = await api(`/api/clips/${encodeURIComponent(clip.id)}/share-link`);
      const field = h('input', { id: 'share-url', type: 'url', readOnly: true, value: link.url, onfocus: (event) => event.target.select() });
      const copied = h('span', { class: 'muted' });
      replace(panel,
        h('label', { for: field.id }, 'Link to this clip'), field,
        h('p', { class: 'hint' }, `Anyone with the link can watch the clip until ${formatTime(link.expiresAt)} (${formatAgo(link.expiresAt)}). `, copied));
      field.focus({ preventScroll: true });
      try {
        await navigator.clipboard.writeText(link.url);
        replace(copied, 'Copied to the clipboard.');
      } catch {
        replace(copied, 'Copy it from the field.');
      }
    } catch (error) {
      replace(panel, problemBanner(error, { heading: 'No share link' }));
    } finally {
      button.disabled = false;
    }
  }

  return { button, panel };
}
