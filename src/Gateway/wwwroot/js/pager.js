import { h, replace } from './dom.js';
import { problemBanner } from './problem.js';

// Keyset paging for every listing: the first page on start(), further pages behind a "Load more" button, and the
// API's error shown in place of the list when a page fails.

/**
 * fetchPage(cursor) → { items, nextCursor }; onItems(items, isFirstPage) renders them; onEmpty() when the first
 * page has nothing. Returns { element, start(), more(), hasMore() }: put `element` below the list and call start();
 * more() loads the next page as the button does (the clip player's "Next event" past the last loaded one).
 */
export function createPager(fetchPage, onItems, { onEmpty = () => {}, label = 'Load more' } = {}) {
  let cursor = null;
  let generation = 0;
  const status = h('div', { class: 'pager-status', role: 'status' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true, onclick: () => load(false) }, label);
  const element = h('div', { class: 'pager' }, status, more);

  async function load(first) {
    const mine = first ? ++generation : generation;
    more.disabled = true;
    replace(status, 'Loading…');
    try {
      const page = await fetchPage(first ? null : cursor);
      if (mine !== generation) return; // A newer start() replaced this listing meanwhile.
      cursor = page.nextCursor;
      replace(status);
      onItems(page.items, first);
      if (first && page.items.length === 0) onEmpty();
      more.hidden = !cursor;
    } catch (error) {
      if (mine !== generation) return;
      replace(status, problemBanner(error, { heading: 'Could not load' }));
    } finally {
      more.disabled = false;
    }
  }

  return { element, start: () => load(true), more: () => load(false), hasMore: () => Boolean(cursor) };
}
