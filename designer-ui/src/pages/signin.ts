import { ApiError, errorMessage, fetchAuthConfig, fetchMe, type AuthConfig, type Credentials, type Me } from '../api';
import { h } from '../dom';
import { beginSignIn } from '../oidc';

/** The built-in users of the embedded default and dev mode; each password equals the user name. */
export const DEMO_USERS = ['admin', 'supervisor', 'analyst', 'agent', 'engineer', 'api'] as const;

export interface SignInOptions {
  onSignedIn: (credentials: Credentials, me: Me) => void;
  /** An error to show straight away, e.g. when stored credentials stopped working. */
  error?: string;
}

export function renderSignIn(options: SignInOptions): HTMLElement {
  const card = h('div', { class: 'card' }, h('p', { class: 'muted' }, 'Loading…'));
  const page = h(
    'main',
    { class: 'signin', id: 'main' },
    h('div', { class: 'signin-inner' },
      h('h1', { class: 'brand-title' }, 'Continuum'),
      h('p', { class: 'muted' }, 'Customer care, one conversation at a time.'),
      card,
    ),
  );
  document.title = 'Sign in · Continuum';
  void fetchAuthConfig().then((config) => card.replaceChildren(...cardContent(config, options)));
  return page;
}

function cardContent(config: AuthConfig, options: SignInOptions): Node[] {
  if (config.mode === 'oidc') {
    const go = h('button', { type: 'button', class: 'button' }, 'Continue to company sign-in');
    go.addEventListener('click', () => {
      go.disabled = true;
      void beginSignIn(config, `${location.origin}${location.pathname}`).then((url) => location.assign(url));
    });
    const intro: Node[] = [h('h2', {}, 'Sign in'), h('p', {}, 'Sign in with your company account.')];
    if (options.error) intro.push(h('p', { class: 'error', role: 'alert' }, options.error));
    return [...intro, go];
  }
  const { form, fill } = demoForm(options);
  return [form, demoHint(fill)];
}

function demoForm({ onSignedIn, error }: SignInOptions): { form: HTMLFormElement; fill: (user: string) => void } {
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { id: 'signin-error', class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Sign in');

  const showError = (text: string) => {
    message.textContent = text;
    for (const input of [username, password]) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'signin-error');
    }
  };
  if (error) showError(error);

  const form = h(
    'form',
    { class: 'form' },
    h('h2', {}, 'Sign in'),
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Username'), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
    message,
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const credentials = { username: username.value.trim(), password: password.value };
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    message.textContent = '';
    try {
      const me = await fetchMe(credentials);
      onSignedIn(credentials, me);
    } catch (failure) {
      showError(failure instanceof ApiError && failure.status === 401 && !failure.problem.detail
        ? 'Wrong username or password.'
        : errorMessage(failure));
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  const fill = (user: string) => {
    username.value = user;
    password.value = user;
    submit.focus();
  };

  queueMicrotask(() => username.focus());
  return { form, fill };
}

function demoHint(fill: (user: string) => void): HTMLElement {
  return h(
    'section',
    { class: 'hint', 'aria-labelledby': 'demo-users' },
    h('h3', { id: 'demo-users' }, 'Demo users'),
    h('p', {}, 'Built into the embedded default only. The password equals the user name; each user holds the role of the same name.'),
    h('ul', { class: 'chips' },
      DEMO_USERS.map((user) =>
        h('li', {}, h('button', { type: 'button', class: 'chip', onclick: () => fill(user), 'aria-label': `Fill in ${user}` }, user)),
      ),
    ),
  );
}
