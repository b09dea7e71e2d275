// What the inbox list shows and how the keyboard drives it, kept apart from the DOM so it can be tested.

export interface InboxFilter {
  queue?: string;
  state?: string;
  severity?: string;
  channel?: string;
  tag?: string;
  assignee?: string;
  sort?: string;
}

export const FILTER_KEYS = ['queue', 'state', 'severity', 'channel', 'tag', 'assignee', 'sort'] as const;

/**
 * Each channel's name and the short text its badge shows: text in the page's own font, not emoji, which a browser
 * without an emoji font (headless Chromium, many Linux desktops) draws as empty boxes.
 */
export const CHANNELS: Record<string, { label: string; badge: string }> = {
  whatsapp: { label: 'WhatsApp', badge: 'WA' },
  email: { label: 'E-mail', badge: 'Mail' },
  web_chat: { label: 'Web chat', badge: 'Chat' },
  sms: { label: 'SMS', badge: 'SMS' },
  messenger: { label: 'Messenger', badge: 'FB' },
  instagram: { label: 'Instagram', badge: 'IG' },
  x: { label: 'X', badge: 'X' },
  voice: { label: 'Voice', badge: 'Call' },
};

export function channelLabel(channel: string): string {
  return CHANNELS[channel]?.label ?? channel.replaceAll('_', ' ');
}

/** The customer's name; a visitor who gave none is named by where they came from; an erased one is never named. */
export function customerLabel(item: { customerName?: string | null; customerErased?: boolean; channel: string }): string {
  if (item.customerErased) return 'Erased customer';
  const name = item.customerName?.trim();
  return name ? name : `Visitor from ${channelLabel(item.channel)}`;
}

/** "4m", "2h 5m", "3d 4h": how long the customer has waited; empty when nobody waits. */
export function waitingText(since: string | null | undefined, now: Date): string {
  if (!since) return '';
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 1000));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return minutes > 0 ? `${minutes}m` : 'just now';
}

/** "Sam Lee" → "SL"; a sign-in name alone → its first two letters. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return (words[0]![0]! + words[words.length - 1]![0]!).toUpperCase();
}

export function filterToQuery(filter: InboxFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

export function queryToFilter(params: URLSearchParams): InboxFilter {
  const filter: InboxFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  return filter;
}

export type KeyCommand =
  | { kind: 'select'; index: number }
  | { kind: 'open' | 'reply' | 'resolve'; index: number }
  | { kind: 'help' }
  | { kind: 'none' };

/** j/k move the selection, enter opens, r replies, e resolves, ? shows the keys. Typing in a field is left alone. */
export function keyCommand(key: string, selected: number, count: number, typing: boolean): KeyCommand {
  if (typing) return { kind: 'none' };
  if (key === '?') return { kind: 'help' };
  if (count === 0) return { kind: 'none' };
  const current = Math.min(Math.max(selected, 0), count - 1);
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return { kind: 'select', index: selected < 0 ? 0 : Math.min(selected + 1, count - 1) };
    case 'k':
    case 'ArrowUp':
      return { kind: 'select', index: Math.max(selected - 1, 0) };
    case 'Enter':
      return selected < 0 ? { kind: 'none' } : { kind: 'open', index: current };
    case 'r':
      return selected < 0 ? { kind: 'none' } : { kind: 'reply', index: current };
    case 'e':
      return selected < 0 ? { kind: 'none' } : { kind: 'resolve', index: current };
    default:
      return { kind: 'none' };
  }
}

export const KEYBOARD_HELP: readonly [string, string][] = [
  ['j / ↓', 'next conversation'],
  ['k / ↑', 'previous conversation'],
  ['Enter', 'open it'],
  ['r', 'open it and reply'],
  ['e', 'resolve it'],
  ['?', 'show these keys'],
];
