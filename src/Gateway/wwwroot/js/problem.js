import { h } from './dom.js';

// Shows an API failure where the user is looking: the ProblemDetails title and detail, and any field errors
// that no form field on the page claims (a form shows its own beside each field, see rule-form.js).

export function problemBanner(error, { heading } = {}) {
  const title = error?.title ?? 'Something went wrong';
  const detail = error?.detail ?? (error?.title ? null : error?.message);
  const fieldErrors = Object.entries(error?.errors ?? {});
  return h('div', { class: 'problem', role: 'alert' },
    h('p', { class: 'problem-title' }, heading ? `${heading}: ${title}` : title),
    detail ? h('p', { class: 'problem-detail' }, detail) : null,
    fieldErrors.length
      ? h('ul', { class: 'problem-fields' }, fieldErrors.map(([field, messages]) =>
          h('li', {}, h('code', {}, field), ' ', [].concat(messages).join(' '))))
      : null,
    error?.status ? h('p', { class: 'problem-status' }, `HTTP ${error.status}`) : null);
}
