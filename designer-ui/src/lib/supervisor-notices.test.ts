import { describe, expect, it } from 'vitest';
import { changesNotices, noticesLabel } from './supervisor-notices';

describe('the supervisors notifications', () => {
  it('counts the open ones in the button', () => {
    expect(noticesLabel(0)).toBe('No notifications');
    expect(noticesLabel(1)).toBe('1 notification');
    expect(noticesLabel(3)).toBe('3 notifications');
  });

  it('refetches only when an automation raised one', () => {
    expect(changesNotices({ type: 'automation.supervisor_notified', conversationId: 'c' })).toBe(true);
    expect(changesNotices({ type: 'message.received', conversationId: 'c' })).toBe(false);
  });
});
