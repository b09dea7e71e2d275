import './styles.css';
import { ApiError, errorMessage, fetchMe, type Credentials, type Me } from './api';
import { h } from './dom';
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

async function start(): Promise<void> {
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
