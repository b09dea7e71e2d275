// Thin client for the Continuum REST API (/api/v1, see API.md).
// Every call carries HTTP Basic credentials when given; every error becomes an
// ApiError holding the server's RFC 7807 problem (or one built from the response).

import { filterToQuery, type InboxFilter } from './lib/inbox-list';
import type { Viewer } from './lib/presence';

export interface PasswordCredentials {
  username: string;
  password: string;
}

/** Demo users sign in with a password (HTTP Basic); Keycloak users hold an OIDC access token (Bearer). */
export type Credentials = PasswordCredentials | { token: string };

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
export function basicAuthorization({ username, password }: PasswordCredentials): string {
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
  if (credentials) headers.set('Authorization', 'token' in credentials ? `Bearer ${credentials.token}` : basicAuthorization(credentials));
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
  /** A text body sent as is (DMN XML, DRL) instead of JSON, with this content type. */
  text?: { content: string; type: string };
  signal?: AbortSignal;
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { credentials, method = 'GET', body, text, signal } = options;
  const headers = buildHeaders(credentials, body !== undefined);
  if (text) headers.set('Content-Type', text.type);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: text ? text.content : body === undefined ? undefined : JSON.stringify(body),
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
  channelsUsed?: string[];
  currentChannel: string;
  queue?: string | null;
  assignedAgentId?: string | null;
  createdAt?: string;
  updatedAt: string;
  lastMessageAt?: string;
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

export function fetchConversations(
  credentials: Credentials,
  query: { limit?: number; after?: string; state?: string; queue?: string; assignee?: string; customerId?: string } = {},
  signal?: AbortSignal,
): Promise<Page<ConversationSummary>> {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.after) params.set('after', query.after);
  if (query.state) params.set('state', query.state);
  if (query.queue) params.set('queue', query.queue);
  if (query.assignee) params.set('assignee', query.assignee);
  if (query.customerId) params.set('customerId', query.customerId);
  return apiFetch<Page<ConversationSummary>>(`/api/v1/conversations?${params}`, { credentials, signal });
}

// --- Inbox -------------------------------------------------------------------

export interface InboxItem {
  id: string;
  customerId: string;
  customerName: string | null;
  customerErased: boolean;
  state: string;
  channel: string;
  channelsUsed: string[];
  preview: string | null;
  lastMessageDirection: 'inbound' | 'outbound' | null;
  lastMessageAt: string;
  waitingSince: string | null;
  queue: string | null;
  severity: string | null;
  priority: number | null;
  dueAt: string | null;
  slaBreached: boolean;
  assignee: { id: string; username: string | null; name: string | null } | null;
  tags: string[];
  unread: boolean;
}

export interface SavedView {
  id: string;
  name: string;
  filter: InboxFilter;
  createdAt: string;
}

export function fetchInbox(credentials: Credentials, filter: InboxFilter, signal?: AbortSignal): Promise<{ items: InboxItem[] }> {
  return apiFetch(`/api/v1/inbox?${filterToQuery(filter)}`, { credentials, signal });
}

export function markRead(credentials: Credentials, conversationId: string): Promise<unknown> {
  return apiFetch(`/api/v1/inbox/read/${enc(conversationId)}`, { credentials, method: 'PUT' });
}

export function sayPresence(credentials: Credentials, conversationId: string, typing: boolean): Promise<{ people: Viewer[] }> {
  return apiFetch(`/api/v1/presence/${enc(conversationId)}`, { credentials, method: 'PUT', body: { typing } });
}

export function leavePresence(credentials: Credentials, conversationId: string): Promise<unknown> {
  return apiFetch(`/api/v1/presence/${enc(conversationId)}`, { credentials, method: 'DELETE' });
}

export function fetchSavedViews(credentials: Credentials, signal?: AbortSignal): Promise<SavedView[]> {
  return apiFetch('/api/v1/inbox/views', { credentials, signal });
}

export function saveView(credentials: Credentials, name: string, filter: InboxFilter): Promise<SavedView> {
  return apiFetch('/api/v1/inbox/views', { credentials, method: 'POST', body: { name, filter } });
}

export function deleteView(credentials: Credentials, id: string): Promise<unknown> {
  return apiFetch(`/api/v1/inbox/views/${enc(id)}`, { credentials, method: 'DELETE' });
}

export interface AgentProfile {
  id: string;
  username: string;
  name: string;
  status: string;
}

export function fetchAgents(credentials: Credentials, signal?: AbortSignal): Promise<AgentProfile[]> {
  return apiFetch('/api/v1/agents', { credentials, signal });
}

export function setAgentStatus(credentials: Credentials, agentId: string, status: string): Promise<AgentProfile> {
  return apiFetch(`/api/v1/agents/${enc(agentId)}/status`, { credentials, method: 'PUT', body: { status } });
}

/** A notification an automation raised for the supervisors (notify-supervisor), open until one acknowledges it. */
export interface SupervisorNotification {
  id: string;
  conversationId: string;
  automation: string;
  row: string;
  reason: string;
  createdAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export function fetchSupervisorNotifications(credentials: Credentials, signal?: AbortSignal): Promise<SupervisorNotification[]> {
  return apiFetch('/api/v1/supervisor-notifications', { credentials, signal });
}

export function acknowledgeSupervisorNotification(credentials: Credentials, id: string): Promise<SupervisorNotification> {
  return apiFetch(`/api/v1/supervisor-notifications/${enc(id)}/acknowledge`, { credentials, method: 'POST' });
}

export interface SearchHit {
  messageId: string;
  conversationId: string;
  customerName: string | null;
  channel: string;
  direction: 'inbound' | 'outbound';
  state: string;
  receivedAt: string;
  snippet: string;
  highlights: { start: number; end: number }[];
  phrase: boolean;
}

export interface NoteHit {
  noteId: string;
  conversationId: string;
  customerName: string | null;
  author: string;
  state: string;
  createdAt: string;
  snippet: string;
  highlights: { start: number; end: number }[];
  phrase: boolean;
}

export interface CustomerHit {
  customerId: string;
  name: string | null;
  tier: string;
  createdAt: string;
}

export interface ResolutionHit {
  resolutionId: string;
  caseRef: string;
  title: string;
  status: string;
  owningTeam: string;
  createdAt: string;
  highlights: { start: number; end: number }[];
}

export interface SearchResults {
  query: string;
  items: SearchHit[];
  notes: NoteHit[];
  customers: CustomerHit[];
  resolutions: ResolutionHit[];
}

export function searchMessages(
  credentials: Credentials,
  query: { q: string; channel?: string; state?: string; from?: string; to?: string },
  signal?: AbortSignal,
): Promise<SearchResults> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return apiFetch(`/api/v1/search?${params}`, { credentials, signal });
}

export interface CustomerProfile {
  id: string;
  displayName: string | null;
  company: string | null;
  tier: string;
  tags: string[];
  anonymous: boolean;
  mergedInto: string | null;
  identifiers: { kind: string; network: string | null; value: string; verified: boolean; createdAt: string }[];
  claims: { kind: string; value: string; note: string | null }[];
  merges: {
    id: string; survivingId: string; mergedId: string; reason: string; identifierKind: string | null; actor: string;
    mergedAt: string; unmergedAt: string | null; unmergedBy: string | null;
  }[];
  createdAt: string;
  erasedAt: string | null;
}

export function fetchCustomer(credentials: Credentials, id: string, signal?: AbortSignal): Promise<CustomerProfile> {
  return apiFetch(`/api/v1/customers/${enc(id)}`, { credentials, signal });
}

export function unmergeCustomer(credentials: Credentials, mergedId: string): Promise<unknown> {
  return apiFetch(`/api/v1/customers/${enc(mergedId)}/unmerge`, { credentials, method: 'POST', body: {} });
}

// --- Conversations -----------------------------------------------------------

export interface TimelineEntry {
  type: 'message' | 'note' | 'state_change' | string;
  id: string;
  at: string;
  direction?: 'inbound' | 'outbound' | null;
  channel?: string | null;
  content?: string | null;
  author?: string | null;
  annotations?: Record<string, unknown> | null;
  deliveryStatus?: string | null;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  attachments?: AttachmentView[];
}

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** A file sent with a message, as it was sent. */
export async function fetchAttachment(credentials: Credentials, conversationId: string, attachmentId: string): Promise<Blob> {
  const response = await fetch(`/api/v1/conversations/${enc(conversationId)}/attachments/${enc(attachmentId)}`,
    { headers: buildHeaders(credentials), credentials: 'omit' });
  if (!response.ok) throw new ApiError(await parseProblem(response));
  return response.blob();
}

export interface Sla {
  firstResponseDueAt?: string | null;
  nextResponseDueAt?: string | null;
  resolutionDueAt?: string | null;
  breached: boolean;
}

export interface ConversationView {
  id: string;
  customerId: string;
  state: string;
  allowedTransitions: string[];
  channelsUsed: string[];
  currentChannel: string;
  queue?: string | null;
  intent?: string | null;
  severity?: string | null;
  priority?: number | null;
  handlingMode?: string | null;
  requiredSkills?: string[];
  handoffBrief?: Record<string, unknown> | null;
  assignedAgentId?: string | null;
  resolutionId?: string | null;
  sla?: Sla | null;
  timeline: TimelineEntry[];
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string | null;
}

const enc = encodeURIComponent;

export function fetchConversation(credentials: Credentials, id: string, signal?: AbortSignal): Promise<ConversationView> {
  return apiFetch(`/api/v1/conversations/${enc(id)}`, { credentials, signal });
}

export function sendReply(credentials: Credentials, id: string, content: string, channel?: string): Promise<unknown> {
  return apiFetch(`/api/v1/conversations/${enc(id)}/messages`, { credentials, method: 'POST', body: { content, channel } });
}

export function addNote(credentials: Credentials, id: string, content: string): Promise<unknown> {
  return apiFetch(`/api/v1/conversations/${enc(id)}/notes`, { credentials, method: 'POST', body: { content } });
}

export function transition(credentials: Credentials, id: string, to: string, reason?: string): Promise<ConversationView> {
  return apiFetch(`/api/v1/conversations/${enc(id)}/transitions`, { credentials, method: 'POST', body: { to, reason } });
}

export function correct(
  credentials: Credentials,
  id: string,
  correction: { intent?: string; severity?: string; queue?: string },
): Promise<unknown> {
  return apiFetch(`/api/v1/conversations/${enc(id)}/corrections`, { credentials, method: 'POST', body: correction });
}

export interface DecisionExplanation {
  id: string;
  policy: string;
  version: number;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  fired: Record<string, unknown>[];
  durationMicros: number;
  evaluatedAt: string;
  explanation?: string;
}

export function fetchDecisions(credentials: Credentials, id: string, signal?: AbortSignal): Promise<DecisionExplanation[]> {
  return apiFetch(`/api/v1/conversations/${enc(id)}/decisions`, { credentials, signal });
}

export interface KnowledgeMatch {
  id: string;
  title: string;
  slug: string;
  url?: string;
  score: number;
  snippet?: string;
}

export function searchKnowledge(credentials: Credentials, q: string, signal?: AbortSignal): Promise<{ items: KnowledgeMatch[] }> {
  return apiFetch(`/api/v1/kb/search?q=${enc(q)}`, { credentials, signal });
}

// --- Tasks (the signed-in agent's generated task list) -------------------------

export interface Task {
  id: string;
  name?: string;
  description?: string;
  conversationId: string;
  queue?: string | null;
  /** The user task's phase, e.g. ready, reserved, completed. */
  state?: string;
  owner?: string | null;
  createdAt?: string;
  slaDueAt?: string | null;
  priority?: number | null;
  /** What first contact handed over with the task. */
  brief?: { intent?: string | null; severity?: string | null; summary?: string | null } | null;
}

/** The contract names each task's conversationId; the list may come bare or paged. */
export async function fetchTasks(credentials: Credentials, signal?: AbortSignal): Promise<Task[]> {
  const body = await apiFetch<Task[] | { items: Task[] }>('/api/v1/tasks', { credentials, signal });
  return Array.isArray(body) ? body : body.items;
}

export function claimTask(credentials: Credentials, id: string): Promise<unknown> {
  return apiFetch(`/api/v1/tasks/${enc(id)}/claim`, { credentials, method: 'POST', body: {} });
}

export function completeTask(credentials: Credentials, id: string): Promise<unknown> {
  return apiFetch(`/api/v1/tasks/${enc(id)}/complete`, { credentials, method: 'POST', body: {} });
}

// --- Policies -------------------------------------------------------------------

export interface PolicySummary {
  name: string;
  kind: 'dmn' | 'drl';
  liveVersion?: number | null;
  /** Four-eyes publishing: a publication waits for a second person's approval. */
  requiresSecondApprover?: boolean;
  updatedAt?: string;
}

export interface PolicyVersion {
  policy: string;
  version: number;
  status: string;
  author: string;
  comment?: string | null;
  warnings?: Record<string, unknown>[];
  createdAt: string;
  publishedAt?: string | null;
  publishedBy?: string | null;
  approvedBy?: string | null;
  retiredAt?: string | null;
  source?: string | null;
}

/** A publication waiting for (or decided by) a second person. */
export interface PublishRequest {
  id: string;
  policy: string;
  version: number;
  applyToOpen: boolean;
  status: 'pending' | 'approved' | 'rejected' | string;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string | null;
  decidedAt?: string | null;
  reason?: string | null;
}

export interface Simulation {
  id: string;
  policy: string;
  version: number;
  status: 'running' | 'completed' | 'cancelled' | 'failed' | string;
  total: number;
  processed: number;
  changed: number;
  report?: {
    replayed?: number;
    changed?: number;
    unchanged?: number;
    couldNotEvaluate?: number;
    byOutput?: Record<string, unknown>;
    /** How often each row or rule of the simulated version fired, and on which conversations (the first few). */
    rows?: Record<string, { fired: number; conversations: string[] }>;
    examples?: { decisionId: string; conversationId?: string; inputs: unknown; before: unknown; after: unknown }[];
  } | null;
}

export function fetchPolicies(credentials: Credentials, signal?: AbortSignal): Promise<PolicySummary[]> {
  return apiFetch('/api/v1/policies', { credentials, signal });
}

export function fetchVersions(credentials: Credentials, name: string, signal?: AbortSignal): Promise<PolicyVersion[]> {
  return apiFetch(`/api/v1/policies/${enc(name)}/versions`, { credentials, signal });
}

export function fetchVersion(credentials: Credentials, name: string, version: number, signal?: AbortSignal): Promise<PolicyVersion> {
  return apiFetch(`/api/v1/policies/${enc(name)}/versions/${version}`, { credentials, signal });
}

/** Creates a validated draft; a broken source is a 422 problem with line/column errors. */
export function createVersion(credentials: Credentials, name: string, source: string, comment?: string): Promise<PolicyVersion> {
  const query = comment ? `?comment=${enc(comment)}` : '';
  return apiFetch(`/api/v1/policies/${enc(name)}/versions${query}`, {
    credentials,
    method: 'POST',
    text: { content: source, type: 'text/plain' },
  });
}

export function simulate(credentials: Credentials, name: string, version: number): Promise<Simulation> {
  return apiFetch(`/api/v1/policies/${enc(name)}/versions/${version}/simulate?wait=PT0S`, {
    credentials,
    method: 'POST',
    body: {},
  });
}

export function fetchSimulation(credentials: Credentials, name: string, id: string, signal?: AbortSignal): Promise<Simulation> {
  return apiFetch(`/api/v1/policies/${enc(name)}/simulations/${enc(id)}`, { credentials, signal });
}

/** The live version (200), or the publish request a second person must approve (202). */
export function publish(credentials: Credentials, name: string, version: number, applyToOpen = false): Promise<PolicyVersion | PublishRequest> {
  return apiFetch(`/api/v1/policies/${enc(name)}/versions/${version}/publish?applyToOpen=${applyToOpen}`, {
    credentials,
    method: 'POST',
  });
}

export function rollback(credentials: Credentials, name: string, toVersion: number): Promise<PolicyVersion | PublishRequest> {
  return apiFetch(`/api/v1/policies/${enc(name)}/rollback`, { credentials, method: 'POST', body: { toVersion } });
}

export function fetchPublishRequests(credentials: Credentials, name: string, signal?: AbortSignal): Promise<PublishRequest[]> {
  return apiFetch(`/api/v1/policies/${enc(name)}/publish-requests`, { credentials, signal });
}

export function approvePublish(credentials: Credentials, name: string, id: string): Promise<PolicyVersion> {
  return apiFetch(`/api/v1/policies/${enc(name)}/publish-requests/${enc(id)}/approve`, { credentials, method: 'POST' });
}

export function rejectPublish(credentials: Credentials, name: string, id: string, reason: string): Promise<PublishRequest> {
  return apiFetch(`/api/v1/policies/${enc(name)}/publish-requests/${enc(id)}/reject`, { credentials, method: 'POST', body: { reason } });
}

export function exportToGit(credentials: Credentials, name: string, version: number): Promise<Record<string, unknown>> {
  return apiFetch(`/api/v1/policies/${enc(name)}/versions/${version}/export`, { credentials, method: 'POST' });
}

// --- Resolutions --------------------------------------------------------------------

export interface Resolution {
  id: string;
  caseRef?: string;
  title?: string;
  issueType?: string;
  status: string;
  owningTeam?: string | null;
  etaWindow?: { start?: string | null; end?: string | null; setBy?: string | null } | null;
  nextUpdateDueAt?: string | null;
  swarm?: { channelId?: string | null; status?: string | null; link?: string | null } | null;
  conversations?: { conversationId: string; continuationChannel?: string | null }[];
}

export async function fetchResolutions(credentials: Credentials, status?: string, signal?: AbortSignal): Promise<Resolution[]> {
  const query = status ? `?status=${enc(status)}` : '';
  const body = await apiFetch<Resolution[] | { items: Resolution[] }>(`/api/v1/resolutions${query}`, { credentials, signal });
  return Array.isArray(body) ? body : body.items;
}

// --- Analytics ------------------------------------------------------------------------

export interface Figures {
  conversations: number;
  responded: number;
  firstResponseAverageSeconds: number | null;
  firstResponseMedianSeconds: number | null;
  resolved: number;
  resolutionAverageSeconds: number | null;
  resolutionMedianSeconds: number | null;
  deflected: number;
  aiDeflectionRate: number | null;
  classified: number;
  corrected: number;
  aiOverrideRate: number | null;
  slaTracked: number;
  slaBreached: number;
  slaBreachRate: number | null;
  reopened: number;
  reopenRate: number | null;
  surveysSent: number;
  surveysAnswered: number;
  csatResponseRate: number | null;
  csat: number | null;
  automatedDecisions: number;
}

/** Satisfaction figures of one agent or queue. */
export interface CsatGroup {
  name: string;
  sent: number;
  answered: number;
  responseRate: number | null;
  average: number | null;
}

/** Customer satisfaction over the window: scores 1 to 5 ("1".."5" → answers). */
export interface CsatFigures {
  average: number | null;
  sent: number;
  answered: number;
  responseRate: number | null;
  distribution: Record<string, number>;
  byAgent: CsatGroup[];
  byQueue: CsatGroup[];
}

export interface Metrics {
  from: string;
  to: string;
  totals: Figures;
  series: { day: string; figures: Figures }[];
  queues: { queue: string; open: number; unassigned: number; overdue: number }[];
  agents: { agent: string; open: number; overdue: number }[];
  csat: CsatFigures;
}

export function fetchMetrics(credentials: Credentials, from: string, to: string, signal?: AbortSignal): Promise<Metrics> {
  return apiFetch(`/api/v1/analytics/metrics?from=${enc(from)}&to=${enc(to)}`, { credentials, signal });
}

/** The figures by day as CSV (GET /api/v1/analytics/metrics?format=csv), every figure or only `figure`. */
export async function fetchMetricsCsv(credentials: Credentials, from: string, to: string, figure?: string): Promise<string> {
  const only = figure ? `&figure=${enc(figure)}` : '';
  const response = await fetch(`/api/v1/analytics/metrics?format=csv&from=${enc(from)}&to=${enc(to)}${only}`,
    { headers: buildHeaders(credentials), credentials: 'omit' });
  if (!response.ok) throw new ApiError(await parseProblem(response));
  return response.text();
}

/** One conversation behind a figure of the dashboard. */
export interface MetricConversation {
  id: string;
  createdAt: string;
  channel: string;
  state: string;
  queue?: string | null;
  intent?: string | null;
  severity?: string | null;
  assignee?: string | null;
  resolvedAt?: string | null;
}

export interface MetricConversations {
  figure: string;
  from: string;
  to: string;
  conversations: MetricConversation[];
  truncated: boolean;
}

/** The conversations behind a figure on one UTC day (GET /api/v1/analytics/metrics/{figure}/conversations). */
export function fetchMetricConversations(credentials: Credentials, figure: string, day: string, signal?: AbortSignal):
    Promise<MetricConversations> {
  return apiFetch(`/api/v1/analytics/metrics/${enc(figure)}/conversations?day=${enc(day)}`, { credentials, signal });
}

// --- Dead letters and quarantine ------------------------------------------------------

/** An event one consumer gave up on after every retry (GET /api/v1/outbox/dead-letters). */
export interface OutboxDeadLetter {
  id: string;
  consumer: string;
  eventId: string;
  topic: string;
  aggregateId?: string | null;
  attempts: number;
  lastError?: string | null;
  firstFailedAt?: string | null;
  lastFailedAt?: string | null;
  deadAt?: string | null;
  retriedAt?: string | null;
  retriedBy?: string | null;
}

/** A reply that could not be delivered after every retry (GET /api/v1/deliveries/dead-letters). */
export interface DeliveryDeadLetter {
  id: string;
  messageId: string;
  conversationId: string;
  channel: string;
  fallbackFrom?: string | null;
  status: string;
  attempts: number;
  lastError?: string | null;
  updatedAt?: string | null;
}

/** An inbound item (a WhatsApp item, a mail) that could not become a message (GET /api/v1/channels/quarantine). */
export interface QuarantinedItem {
  id: string;
  channel: string;
  reference?: string | null;
  reason: string;
  rawType?: string | null;
  rawBytes: number;
  status: string;
  attempts: number;
  receivedAt?: string | null;
  retriedAt?: string | null;
  retriedBy?: string | null;
  messageId?: string | null;
}

export function fetchOutboxDeadLetters(credentials: Credentials, signal?: AbortSignal): Promise<OutboxDeadLetter[]> {
  return apiFetch('/api/v1/outbox/dead-letters?limit=200', { credentials, signal });
}

export function fetchDeliveryDeadLetters(credentials: Credentials, signal?: AbortSignal): Promise<DeliveryDeadLetter[]> {
  return apiFetch('/api/v1/deliveries/dead-letters?limit=200', { credentials, signal });
}

export function fetchQuarantine(credentials: Credentials, signal?: AbortSignal): Promise<QuarantinedItem[]> {
  return apiFetch('/api/v1/channels/quarantine?limit=200', { credentials, signal });
}

/** Retries one dead letter or quarantined item through the endpoint its own API names (see lib/failures). */
export function retryFailure(credentials: Credentials, retryPath: string): Promise<unknown> {
  return apiFetch(retryPath, { credentials, method: 'POST' });
}

/** An agent's canned reply: private to its owner or shared; applying it may add tags and change the state. */
export interface Macro {
  id: string;
  name: string;
  body: string;
  shared: boolean;
  owner: string;
  addTags: string[];
  changeState: string | null;
  usageCount: number;
  lastUsedAt: string | null;
  updatedAt: string;
}

export function fetchMacros(credentials: Credentials, q?: string, signal?: AbortSignal): Promise<{ items: Macro[]; placeholders: string[] }> {
  return apiFetch(`/api/v1/macros${q ? `?q=${enc(q)}` : ''}`, { credentials, signal });
}

/** Sends the macro as the agent's reply (the composer's edited text, when given), then its tags and state change. */
export function applyMacro(credentials: Credentials, conversationId: string, macroId: string, content?: string):
  Promise<{ messageId: string; content: string; channel: string; state: string; usageCount: number }> {
  return apiFetch(`/api/v1/conversations/${enc(conversationId)}/macros/${enc(macroId)}/apply`,
    { credentials, method: 'POST', body: { content } });
}

/** An inbound message the classifier was least sure of: the next thing to label. */
export interface UnsureMessage {
  messageId: string;
  conversationId: string;
  receivedAt: string;
  intent: string | null;
  confidence: number;
  language: string | null;
  text: string;
}

/** The classifier's figures on the fixed validation messages after one example-set version. */
export interface LearningVersion {
  version: number;
  source: string;
  createdBy: string;
  createdAt: string;
  examplesAdded: number;
  examples: number;
  validationMessages: number;
  accuracy: number;
  macroF1: number;
  accuracyChange: number | null;
}

export function fetchUnsure(credentials: Credentials, days: number, signal?: AbortSignal): Promise<UnsureMessage[]> {
  return apiFetch(`/api/v1/ai/unsure?days=${days}&limit=50`, { credentials, signal });
}

export function fetchLearningReport(credentials: Credentials, signal?: AbortSignal): Promise<LearningVersion[]> {
  return apiFetch('/api/v1/ai/learning-report', { credentials, signal });
}

/** The label becomes an example made from the stored message; the answer names its example-set version. */
export function addLabel(credentials: Credentials, messageId: string, intent: string, p0: boolean):
  Promise<{ messageId: string; intent: string; version: number }> {
  return apiFetch(`/api/v1/ai/unsure/${enc(messageId)}/label`, { credentials, method: 'POST', body: { intent, p0 } });
}

export function revertExampleVersion(credentials: Credentials, version: number):
  Promise<{ version: number; revertedVersion: number; examples: number }> {
  return apiFetch(`/api/v1/ai/examples/versions/${version}/revert`, { credentials, method: 'POST' });
}
