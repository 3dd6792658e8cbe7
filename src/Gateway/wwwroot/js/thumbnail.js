import { h } from './dom.js';

// A clip's thumbnail (16:9, loaded lazily through the gateway's redirect), or a placeholder when it has none.

export function thumbnail(url, alt) {
  return url
    ? h('img', { class: 'thumbnail', src: url, alt, loading: 'lazy', width: 320, height: 180 })
    : h('div', { class: 'thumbnail placeholder', role: 'img', 'aria-label': 'No thumbnail' }, 'No thumbnail');
}
