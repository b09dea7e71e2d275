// One customer across channels: profile, identity graph (each identifier, verified or claimed, and
// where it came from), merges with their reasons (undo: supervisors), and every conversation.

import {
  errorMessage,
  fetchConversations,
  fetchCustomer,
  unmergeCustomer,
  type Credentials,
  type CustomerProfile,
  type Me,
} from '../api';
import { h } from '../dom';
import { channelLabel } from '../lib/inbox-list';
import { hrefFor } from '../nav';
import { busy, button, formatInstant, stateBadge, statusLine } from '../ui';

export function renderCustomer(credentials: Credentials, me: Me, id: string, signal: AbortSignal): HTMLElement {
  const status = statusLine();
  const heading = h('h1', { tabindex: '-1' }, 'Customer');
  const profile = h('div', { class: 'panel' }, h('p', { class: 'muted' }, 'Loading…'));
  const identities = h('section', { class: 'panel', 'aria-labelledby': 'identities-heading' });
  const merges = h('section', { class: 'panel', 'aria-labelledby': 'merges-heading' });
  const conversations = h('section', { class: 'panel', 'aria-labelledby': 'customer-conversations-heading' });
  const canUnmerge = me.roles.some((role) => role === 'supervisor' || role === 'admin');

  const refresh = async () => {
    try {
      const c = await fetchCustomer(credentials, id, signal);
      heading.textContent = c.erasedAt ? 'Erased customer' : c.displayName ?? 'Visitor';
      profile.replaceChildren(h('dl', { class: 'brief-list' },
        fact('Company', c.company ?? '—'), fact('Tier', c.tier), fact('Tags', c.tags.join(', ') || '—'),
        fact('Known since', formatInstant(c.createdAt)),
        c.mergedInto ? fact('Merged into', h('a', { href: hrefFor('customers', c.mergedInto) }, 'the surviving customer')) : null));
      renderIdentities(c);
      renderMerges(c);
    } catch (failure) {
      if (!signal.aborted) status.fail(failure);
    }
    try {
      const page = await fetchConversations(credentials, { customerId: id, limit: 100 }, signal);
      conversations.replaceChildren(h('h2', { id: 'customer-conversations-heading' }, 'Conversations'),
        page.items.length === 0 ? h('p', { class: 'muted' }, 'No conversations.') : h('ul', { class: 'plain-list' }, page.items.map((c) =>
          h('li', {}, h('a', { href: hrefFor('conversations', c.id) }, `${(c.channelsUsed ?? [c.currentChannel]).map(channelLabel).join(', ')}`),
            ' ', stateBadge(c.state), ' ', formatInstant(c.lastMessageAt ?? c.updatedAt)))));
    } catch (failure) {
      if (!signal.aborted) conversations.replaceChildren(h('h2', { id: 'customer-conversations-heading' }, 'Conversations'),
        h('p', { class: 'muted' }, `Could not list conversations: ${errorMessage(failure)}`));
    }
  };

  const renderIdentities = (c: CustomerProfile) => identities.replaceChildren(
    h('h2', { id: 'identities-heading' }, 'Identity graph'),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Identifier', 'Kind', 'From', 'Status', 'Since'].map((l) => h('th', { scope: 'col' }, l)))),
      h('tbody', {},
        c.identifiers.map((i) => h('tr', {}, h('td', {}, i.value), h('td', {}, i.kind), h('td', {}, i.network ? channelLabel(i.network) : '—'),
          h('td', {}, h('span', { class: `badge ${i.verified ? 'verified' : 'claimed'}` }, i.verified ? 'verified' : 'claimed')),
          h('td', {}, formatInstant(i.createdAt)))),
        c.claims.map((claim) => h('tr', {}, h('td', {}, claim.value), h('td', {}, claim.kind), h('td', {}, 'said in a message'),
          h('td', {}, h('span', { class: 'badge claimed' }, 'unverified claim')), h('td', {}, claim.note ?? '—'))))));

  const renderMerges = (c: CustomerProfile) => merges.replaceChildren(
    h('h2', { id: 'merges-heading' }, 'Merges'),
    c.merges.length === 0 ? h('p', { class: 'muted' }, 'Never merged.') : h('ul', { class: 'plain-list', 'data-testid': 'merges' }, c.merges.map((m) => {
      const undo = canUnmerge && !m.unmergedAt
        ? button('Undo merge', () => void busy(undo!, status, async () => {
          await unmergeCustomer(credentials, m.mergedId);
          status.say('Merge undone.');
          await refresh();
        }), { class: 'button small secondary', 'data-merge': m.id })
        : null;
      return h('li', { class: 'merge' },
        h('p', {}, h('strong', {}, m.reason), ' — ', m.actor, ', ', formatInstant(m.mergedAt)),
        m.unmergedAt ? h('p', { class: 'muted' }, 'Undone by ', m.unmergedBy ?? '—', ', ', formatInstant(m.unmergedAt)) : null,
        h('p', {}, h('a', { href: hrefFor('customers', m.survivingId === id ? m.mergedId : m.survivingId) }, 'The other customer')),
        undo);
    })));

  void refresh();
  return h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('a', { href: hrefFor('inbox') }, '← Inbox'), heading),
    status, profile, identities, merges, conversations);
}

function fact(label: string, value: Node | string): HTMLElement {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}
