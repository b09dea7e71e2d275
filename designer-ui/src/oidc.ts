// Sign-in with Keycloak (OIDC authorization code flow with PKCE, a public client): the
// browser goes to the realm's sign-in page, comes back with ?code=&state=, and exchanges
// the code for an access token, which then authenticates every API call as a Bearer token.

const VERIFIER_KEY = 'continuum.oidc.verifier';
const STATE_KEY = 'continuum.oidc.state';

export interface OidcConfig {
  authServerUrl: string;
  clientId: string;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(byteCount = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/** RFC 7636 S256: BASE64URL(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

function realm(config: OidcConfig): string {
  return config.authServerUrl.replace(/\/+$/, '');
}

/** The realm's authorization URL for this app, remembering the PKCE verifier and state for the return. */
export async function beginSignIn(config: OidcConfig, redirectUri: string, storage: Storage = sessionStorage): Promise<string> {
  const verifier = randomToken(48);
  const state = randomToken(16);
  storage.setItem(VERIFIER_KEY, verifier);
  storage.setItem(STATE_KEY, state);
  const url = new URL(`${realm(config)}/protocol/openid-connect/auth`);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await codeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** Exchanges the code the realm sent back for an access token; checks the state first. */
export async function completeSignIn(
  config: OidcConfig,
  params: URLSearchParams,
  redirectUri: string,
  storage: Storage = sessionStorage,
): Promise<string> {
  const verifier = storage.getItem(VERIFIER_KEY);
  const expectedState = storage.getItem(STATE_KEY);
  storage.removeItem(VERIFIER_KEY);
  storage.removeItem(STATE_KEY);
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error')!);
  if (!verifier || !expectedState || params.get('state') !== expectedState) {
    throw new Error('The sign-in answer does not match a sign-in started here. Please sign in again.');
  }
  const response = await fetch(`${realm(config)}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: params.get('code') ?? '',
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new Error(`The identity provider refused the sign-in (HTTP ${response.status}).`);
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error('The identity provider sent no access token.');
  return body.access_token;
}
