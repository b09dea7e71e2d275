import { afterEach, describe, expect, it, vi } from 'vitest';
import { beginSignIn, codeChallenge, completeSignIn } from './oidc';

class MemoryStorage {
  private values = new Map<string, string>();
  getItem(key: string) { return this.values.get(key) ?? null; }
  setItem(key: string, value: string) { this.values.set(key, value); }
  removeItem(key: string) { this.values.delete(key); }
}

const config = { authServerUrl: 'https://sso.example/realms/continuum/', clientId: 'continuum-ui' };

afterEach(() => vi.unstubAllGlobals());

describe('OIDC with PKCE', () => {
  it('computes the RFC 7636 S256 challenge', async () => {
    // The example of RFC 7636, appendix B.
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('sends the browser to the realm with a challenge and exchanges the returned code with the verifier', async () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const url = new URL(await beginSignIn(config, 'https://care.example/', storage));
    expect(url.origin + url.pathname).toBe('https://sso.example/realms/continuum/protocol/openid-connect/auth');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const state = url.searchParams.get('state')!;

    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ access_token: 'token-1' }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const token = await completeSignIn(config, new URLSearchParams({ code: 'c-1', state }), 'https://care.example/', storage);
    expect(token).toBe('token-1');
    const [endpoint, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(endpoint).toBe('https://sso.example/realms/continuum/protocol/openid-connect/token');
    const form = new URLSearchParams(String(init.body));
    expect(form.get('code')).toBe('c-1');
    expect(await codeChallenge(form.get('code_verifier')!)).toBe(url.searchParams.get('code_challenge'));
  });

  it('refuses an answer whose state it did not send', async () => {
    const storage = new MemoryStorage() as unknown as Storage;
    await beginSignIn(config, 'https://care.example/', storage);
    await expect(completeSignIn(config, new URLSearchParams({ code: 'c', state: 'forged' }), 'https://care.example/', storage))
      .rejects.toThrow('does not match');
  });
});
