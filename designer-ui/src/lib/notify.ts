// Which pushed changes deserve a browser notification (opt-in): a conversation given to me, or a new P0.

import type { LiveChange } from '../live';

export interface Notice {
  title: string;
  body: string;
  conversationId: string;
}

export function noticeFor(change: LiveChange, myAgentId: string | null): Notice | null {
  if (!change.conversationId) return null;
  if (change.type === 'conversation.assigned' && myAgentId != null && change.agentId === myAgentId) {
    return { title: 'A conversation was assigned to you', body: 'Open it from the inbox.', conversationId: change.conversationId };
  }
  if (change.type === 'message.classified' && change.severity === 'P0') {
    return { title: 'New P0 conversation', body: 'A customer message was classified P0.', conversationId: change.conversationId };
  }
  return null;
}
