import { describe, expect, it } from 'vitest';
import { approvalView, isPublishRequest } from './approvals';
import type { PublishRequest } from '../api';

const pending: PublishRequest = {
  id: 'r1', policy: 'severity', version: 4, applyToOpen: false, status: 'pending',
  requestedBy: 'analyst', requestedAt: '2026-12-05T12:00:00Z',
};

describe('approvalView', () => {
  it('offers Approve and Reject to a second person with a publishing role', () => {
    expect(approvalView(pending, { username: 'supervisor', roles: ['supervisor'] })).toEqual({
      text: 'v4, asked for by analyst, is awaiting approval by a second person', canApprove: true, canReject: true,
    });
  });

  it('never offers the requester their own approval, only withdrawing it', () => {
    const view = approvalView(pending, { username: 'analyst', roles: ['analyst', 'admin'] });
    expect(view.canApprove).toBe(false);
    expect(view.canReject).toBe(true);
    expect(view.text).toContain('awaiting approval by a second person (not you)');
  });

  it('offers nothing to a role that cannot publish', () => {
    const view = approvalView(pending, { username: 'agent', roles: ['agent', 'developer'] });
    expect(view).toMatchObject({ canApprove: false, canReject: false });
  });

  it('says who decided a request that is no longer pending, and why', () => {
    const rejected = { ...pending, status: 'rejected', decidedBy: 'supervisor', reason: 'too broad' };
    expect(approvalView(rejected, { username: 'admin', roles: ['admin'] })).toEqual({
      text: 'v4, asked for by analyst, rejected by supervisor: too broad', canApprove: false, canReject: false,
    });
  });
});

describe('isPublishRequest', () => {
  it('tells a pending request (202) from a live version (200)', () => {
    expect(isPublishRequest(pending)).toBe(true);
    expect(isPublishRequest({ policy: 'severity', version: 4, status: 'published', author: 'analyst', createdAt: '2026-12-05T12:00:00Z' }))
      .toBe(false);
  });
});
