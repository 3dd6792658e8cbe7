import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { problemBanner } from '../problem.js';

// Sign-in: the API key is sent once to POST /api/session, which answers with an HttpOnly cookie. The key is not
// kept anywhere by the page; the input is cleared whatever the outcome.

export function renderSignIn(container, { onSignedIn }) {
  const keyInput = h('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', spellcheck: false,
    'aria-describedby': 'api-key-hint api-key-error' });
  const fieldError = h('p', { id: 'api-key-error', class: 'field-error' });
  const problem = h('div');
  const submit = h('button', { type: 'submit', class: 'button' }, 'Sign in');

  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title', onsubmit: async (event) => {
    event.preventDefault();
    replace(problem);
    replace(fieldError);
    keyInput.removeAttribute('aria-invalid');
    submit.disabled = true;
    try {
      const caller = await api('/api/session', { method: 'POST', body: { apiKey: keyInput.value.trim() } });
      keyInput.value = '';
      onSignedIn(caller);
    } catch (error) {
      keyInput.value = '';
      if (error.errors?.apiKey) {
        keyInput.setAttribute('aria-invalid', 'true');
        replace(fieldError, [].concat(error.errors.apiKey).join(' '));
      } else if (error.status === 401) {
        keyInput.setAttribute('aria-invalid', 'true');
        replace(fieldError, 'The API key is unknown or has been revoked.');
      } else {
        replace(problem, problemBanner(error, { heading: 'Sign-in failed' }));
      }
      keyInput.focus();
    } finally {
      submit.disabled = false;
    }
  } },
  h('h1', { id: 'signin-title' }, 'Sign in'),
  h('label', { for: 'api-key' }, 'API key'),
  h('p', { id: 'api-key-hint', class: 'hint' }, 'Paste an API key (pk_…). It is exchanged for a session cookie and not stored by this page.'),
  keyInput,
  fieldError,
  problem,
  h('div', { class: 'actions' }, submit));

  replace(container, h('div', { class: 'signin-page' }, form));
  keyInput.focus();
}
