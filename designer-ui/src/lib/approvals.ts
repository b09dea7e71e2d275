// Four-eyes publishing in the decision studio: what a publish answered, and what the signed-in
// person may do with a publication that waits for a second person. The server decides (it refuses
// an approval by the requester); this only keeps the page from offering what would be refused.

import type { PolicyVersion, PublishRequest } from '../api';

/** The roles that may publish, and so approve or reject, a policy version. */
export const PUBLISHING_ROLES = ['admin', 'supervisor', 'analyst'];

export function isPublishRequest(result: PolicyVersion | PublishRequest): result is PublishRequest {
  return 'requestedBy' in result && 'id' in result;
}

export interface ApprovalView {
  /** What the page says about the request. */
  text: string;
  canApprove: boolean;
  canReject: boolean;
}

export function approvalView(request: PublishRequest, me: { username: string; roles: string[] }): ApprovalView {
  const publisher = me.roles.some((role) => PUBLISHING_ROLES.includes(role));
  const own = request.requestedBy === me.username;
  const asked = `v${request.version}, asked for by ${request.requestedBy}`;
  if (request.status !== 'pending') {
    const why = request.reason ? `: ${request.reason}` : '';
    return { text: `${asked}, ${request.status} by ${request.decidedBy ?? 'someone'}${why}`, canApprove: false, canReject: false };
  }
  const text = own
    ? `${asked}, is awaiting approval by a second person (not you)`
    : `${asked}, is awaiting approval by a second person`;
  return { text, canApprove: publisher && !own, canReject: publisher };
}
