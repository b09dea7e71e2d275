import type { Credentials } from './api';

// Credentials live in sessionStorage: they survive a reload of this tab and
// vanish when the tab closes or the user signs out.
const KEY = 'continuum.credentials';

export function loadCredentials(storage: Storage = sessionStorage): Credentials | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    const stored = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (typeof stored.token === 'string') return { token: stored.token };
    if (typeof stored.username === 'string' && typeof stored.password === 'string') {
      return { username: stored.username, password: stored.password };
    }
  } catch {
    // Corrupt entry: treat as signed out.
  }
  storage.removeItem(KEY);
  return null;
}

export function saveCredentials(credentials: Credentials, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(credentials));
}

export function clearCredentials(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}
