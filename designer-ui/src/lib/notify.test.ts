import { describe, expect, it } from 'vitest';
import { noticeFor } from './notify';

describe('noticeFor', () => {
  it('notifies an assignment to me and a P0, nothing else', () => {
    expect(noticeFor({ type: 'conversation.assigned', conversationId: 'c1', agentId: 'me' }, 'me')?.title)
      .toBe('A conversation was assigned to you');
    expect(noticeFor({ type: 'conversation.assigned', conversationId: 'c1', agentId: 'sam' }, 'me')).toBeNull();
    expect(noticeFor({ type: 'conversation.assigned', conversationId: 'c1', agentId: 'sam' }, null)).toBeNull();
    expect(noticeFor({ type: 'message.classified', conversationId: 'c2', severity: 'P0' }, null)?.conversationId).toBe('c2');
    expect(noticeFor({ type: 'message.classified', conversationId: 'c2', severity: 'P1' }, null)).toBeNull();
    expect(noticeFor({ type: 'message.received', conversationId: 'c3' }, 'me')).toBeNull();
  });
});
