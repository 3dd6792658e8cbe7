// The one place that talks to the gateway. Same-origin fetches carry the HttpOnly session cookie, so no key or
// token is ever held by page script. Failures become ApiError with the ProblemDetails the API returned.

/** An API failure: HTTP status plus ProblemDetails (title, detail, and for 400s `errors`: field path → messages). */
export class ApiError extends Error {
  constructor(status, problem) {
    const title = problem?.title || `Request failed (HTTP ${status})`;
    super(problem?.detail ? `${title}: ${problem.detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = problem?.detail ?? null;
    this.errors = problem?.errors && typeof problem.errors === 'object' ? problem.errors : {};
  }
}

/** Fired on window when any call answers 401: the session is gone (expired, signed out elsewhere, key revoked). */
export const UNAUTHORIZED = 'platform:unauthorized';

export async function api(path, { method = 'GET', body, query } = {}) {
  const url = withQuery(path, query);
  const init = { method, headers: { Accept: 'application/json, application/problem+json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, { title: 'The gateway cannot be reached', detail: error.message });
  }

  if (response.status === 401 && path !== '/api/session') {
    window.dispatchEvent(new CustomEvent(UNAUTHORIZED));
  }
  if (response.status === 204) return null;
  const payload = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, payload ?? { title: response.statusText || undefined });
  return payload;
}

/** One page of a listing: { items, nextCursor }. */
export async function listPage(path, query = {}, cursor = null) {
  const page = await api(path, { query: { ...query, cursor } });
  return { items: page?.items ?? [], nextCursor: page?.nextCursor ?? null };
}

/** `path` with the non-empty entries of `query` appended. */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function readJson(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}
