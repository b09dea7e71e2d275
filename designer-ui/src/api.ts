// Thin client for the Continuum REST API (/api/v1, see API.md).
// Every call carries HTTP Basic credentials when given; every error becomes an
// ApiError holding the server's RFC 7807 problem (or one built from the response).

export interface Credentials {
  username: string;
  password: string;
}

/** RFC 7807 problem details, as the API answers errors. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

export interface ProblemFieldError {
  field?: string;
  line?: number;
  column?: number;
  message?: string;
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The text to show a user for any error thrown by this module (or anything else). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/** `Basic base64(user:pass)`, UTF-8 encoded as RFC 7617 recommends. */
export function basicAuthorization({ username, password }: Credentials): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export function buildHeaders(credentials?: Credentials, hasBody = false): Headers {
  // X-Requested-With tells the server to leave out the Basic challenge, so a wrong
  // password never opens the browser's own password dialog over the sign-in page.
  const headers = new Headers({
    Accept: 'application/json, application/problem+json',
    'X-Requested-With': 'XMLHttpRequest',
  });
  if (hasBody) headers.set('Content-Type', 'application/json');
  if (credentials) headers.set('Authorization', basicAuthorization(credentials));
  return headers;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns an error response into a Problem, whether or not its body is problem JSON. */
export async function parseProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!contentType.includes('json')) return fallback;

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return fallback;
  }
  if (!isRecord(body)) return fallback;

  const text = (key: string) => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);
  return {
    type: text('type'),
    title: text('title') ?? fallback.title,
    status: typeof body.status === 'number' ? body.status : response.status,
    detail: text('detail'),
    instance: text('instance'),
    errors: Array.isArray(body.errors) ? (body.errors.filter(isRecord) as ProblemFieldError[]) : undefined,
  };
}

export interface RequestOptions {
  credentials?: Credentials;
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { credentials, method = 'GET', body, signal } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: buildHeaders(credentials, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      // Only the Authorization header we set authenticates a call: 'omit' keeps the
      // browser from adding credentials it cached and from popping its own login box.
      credentials: 'omit',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ title: 'Network error', status: 0, detail: 'Could not reach the Continuum server.' });
  }
  if (!response.ok) throw new ApiError(await parseProblem(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

// --- Endpoints --------------------------------------------------------------

export interface Me {
  username: string;
  roles: string[];
  authMode: string;
}

export type AuthConfig =
  | { mode: 'demo' }
  | { mode: 'oidc'; authServerUrl: string; clientId: string };

export type ConversationState = string;

export interface ConversationSummary {
  id: string;
  customerId: string;
  state: ConversationState;
  currentChannel: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export function fetchMe(credentials: Credentials): Promise<Me> {
  return apiFetch<Me>('/api/v1/me', { credentials });
}

/** How users sign in. Demo when the server says so or cannot say. */
export async function fetchAuthConfig(): Promise<AuthConfig> {
  try {
    const config = await apiFetch<Partial<Record<string, unknown>>>('/api/v1/auth/config');
    if (config.mode === 'oidc' && typeof config.authServerUrl === 'string' && typeof config.clientId === 'string') {
      return { mode: 'oidc', authServerUrl: config.authServerUrl, clientId: config.clientId };
    }
  } catch {
    // Fall through: an unreachable or missing endpoint means the embedded default.
  }
  return { mode: 'demo' };
}

/** The OIDC authorization-code entry point of a Keycloak realm (Quarkus auth-server-url form). */
export function oidcSignInUrl(config: { authServerUrl: string; clientId: string }, redirectUri: string): string {
  const url = new URL(`${config.authServerUrl.replace(/\/+$/, '')}/protocol/openid-connect/auth`);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  return url.toString();
}

export function fetchConversations(
  credentials: Credentials,
  query: { limit?: number; after?: string } = {},
  signal?: AbortSignal,
): Promise<Page<ConversationSummary>> {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.after) params.set('after', query.after);
  return apiFetch<Page<ConversationSummary>>(`/api/v1/conversations?${params}`, { credentials, signal });
}
