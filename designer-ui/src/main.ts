import './styles.css';
import { ApiError, errorMessage, fetchAuthConfig, fetchMe, type Credentials, type Me } from './api';
import { h } from './dom';
import { completeSignIn } from './oidc';
import { renderSignIn } from './pages/signin';
import { clearCredentials, loadCredentials, saveCredentials } from './session';
import { mountShell } from './shell';

const root = document.getElementById('app')!;
let unmount: (() => void) | undefined;

function showSignIn(error?: string): void {
  unmount?.();
  unmount = undefined;
  root.replaceChildren(
    renderSignIn({
      error,
      onSignedIn: (credentials, me) => {
        saveCredentials(credentials);
        showApp(credentials, me);
      },
    }),
  );
}

function showApp(credentials: Credentials, me: Me): void {
  unmount?.();
  unmount = mountShell(root, {
    credentials,
    me,
    onSignOut: () => {
      clearCredentials();
      history.replaceState(null, '', location.pathname + location.search);
      showSignIn();
    },
  });
}

/** Back from the Keycloak sign-in page with ?code=&state=: exchange the code for a token. */
async function finishOidcSignIn(params: URLSearchParams): Promise<void> {
  root.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Signing in…'));
  history.replaceState(null, '', location.pathname + location.hash);
  try {
    const config = await fetchAuthConfig();
    if (config.mode !== 'oidc') throw new Error('This server does not use company sign-in.');
    const credentials: Credentials = { token: await completeSignIn(config, params, `${location.origin}${location.pathname}`) };
    const me = await fetchMe(credentials);
    saveCredentials(credentials);
    showApp(credentials, me);
  } catch (failure) {
    showSignIn(errorMessage(failure));
  }
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  if (params.has('state') && (params.has('code') || params.has('error'))) return finishOidcSignIn(params);
  const stored = loadCredentials();
  if (!stored) return showSignIn();
  root.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Signing in…'));
  try {
    showApp(stored, await fetchMe(stored));
  } catch (failure) {
    // Stored credentials that the server rejects are useless; keep them on other errors.
    if (failure instanceof ApiError && failure.status === 401) clearCredentials();
    showSignIn(errorMessage(failure));
  }
}

void start();
