import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiFetch,
  basicAuthorization,
  buildHeaders,
  fetchAuthConfig,
  fetchConversations,
  parseProblem,
} from './api';

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

afterEach(() => vi.unstubAllGlobals());

describe('basicAuthorization', () => {
  it('encodes user:pass as base64', () => {
    expect(basicAuthorization({ username: 'agent', password: 'agent' })).toBe('Basic YWdlbnQ6YWdlbnQ=');
  });

  it('encodes non-ASCII characters as UTF-8', () => {
    expect(basicAuthorization({ username: 'zoë', password: 'pässwörd' }))
      .toBe('Basic em/Dqzpww6Rzc3fDtnJk');
  });
});

describe('buildHeaders', () => {
  it('adds Authorization only when credentials are given', () => {
    expect(buildHeaders({ username: 'admin', password: 'admin' }).get('Authorization')).toBe('Basic YWRtaW46YWRtaW4=');
    expect(buildHeaders().has('Authorization')).toBe(false);
    expect(buildHeaders({ token: 'abc' }).get('Authorization')).toBe('Bearer abc');
  });

  it('asks for JSON and declares a JSON body only when there is one', () => {
    expect(buildHeaders().get('Accept')).toContain('application/problem+json');
    expect(buildHeaders().get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(buildHeaders().has('Content-Type')).toBe(false);
    expect(buildHeaders(undefined, true).get('Content-Type')).toBe('application/json');
  });
});

describe('parseProblem', () => {
  it('reads RFC 7807 problem JSON', async () => {
    const problem = await parseProblem(json(
      { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Bad credentials' },
      401,
      'application/problem+json',
    ));
    expect(problem).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Bad credentials' });
  });

  it('keeps validation errors', async () => {
    const problem = await parseProblem(json(
      { title: 'Bad Request', status: 400, errors: [{ field: 'limit', message: 'must be positive' }] },
      400,
      'application/problem+json',
    ));
    expect(problem.errors).toEqual([{ field: 'limit', message: 'must be positive' }]);
  });

  it('falls back to the HTTP status when the body is not JSON', async () => {
    const response = new Response('<html>oops</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } });
    expect(await parseProblem(response)).toEqual({ title: 'Bad Gateway', status: 502 });
  });

  it('falls back when JSON is malformed or not an object', async () => {
    const broken = new Response('{not json', { status: 500, headers: { 'Content-Type': 'application/json' } });
    expect(await parseProblem(broken)).toEqual({ title: 'HTTP 500', status: 500 });
    expect(await parseProblem(json(['a'], 500))).toEqual({ title: 'HTTP 500', status: 500 });
  });

  it('uses the response status when the body has none', async () => {
    expect((await parseProblem(json({ title: 'Forbidden' }, 403))).status).toBe(403);
  });
});

describe('apiFetch', () => {
  it('sends the Basic header and returns the parsed body', async () => {
    const fetchMock = vi.fn(async () => json({ username: 'agent', roles: ['agent'], authMode: 'demo' }));
    vi.stubGlobal('fetch', fetchMock);

    const me = await apiFetch('/api/v1/me', { credentials: { username: 'agent', password: 'agent' } });

    expect(me).toEqual({ username: 'agent', roles: ['agent'], authMode: 'demo' });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/me');
    expect(new Headers(init.headers).get('Authorization')).toBe('Basic YWdlbnQ6YWdlbnQ=');
    expect(init.credentials).toBe('omit');
  });

  it('throws an ApiError whose message is the problem detail', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(
      { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Invalid username or password' },
      401,
      'application/problem+json',
    )));

    const failure = await apiFetch('/api/v1/me').catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(401);
    expect((failure as ApiError).message).toBe('Invalid username or password');
  });

  it('uses the title when the problem has no detail', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ title: 'Forbidden', status: 403 }, 403, 'application/problem+json')));
    await expect(apiFetch('/api/v1/conversations')).rejects.toThrow('Forbidden');
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const failure = await apiFetch('/api/v1/me').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(0);
  });
});

describe('endpoints', () => {
  it('asks for conversations with limit and cursor', async () => {
    const fetchMock = vi.fn(async () => json({ items: [], nextCursor: null }));
    vi.stubGlobal('fetch', fetchMock);

    await fetchConversations({ username: 'agent', password: 'agent' }, { limit: 20, after: 'abc' });

    const [path] = fetchMock.mock.calls[0] as unknown as [string];
    expect(path).toBe('/api/v1/conversations?limit=20&after=abc');
  });

  it('reads the OIDC auth config', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ mode: 'oidc', authServerUrl: 'https://sso.example.com/realms/continuum', clientId: 'continuum-ui' })));
    expect(await fetchAuthConfig()).toEqual({ mode: 'oidc', authServerUrl: 'https://sso.example.com/realms/continuum', clientId: 'continuum-ui' });
  });

  it('assumes demo mode when the auth config cannot be read', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ title: 'Not Found', status: 404 }, 404)));
    expect(await fetchAuthConfig()).toEqual({ mode: 'demo' });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect(await fetchAuthConfig()).toEqual({ mode: 'demo' });
  });
});
