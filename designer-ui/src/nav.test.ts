import { describe, expect, it } from 'vitest';
import { canSee, hrefFor, navFor, parseRoute, routeParams, routeQuery } from './nav';

const labels = (roles: string[]) => navFor(roles).map((page) => page.label);

describe('navFor', () => {
  it.each([
    [['agent'], ['Inbox', 'Search', 'Resolutions']],
    [['supervisor'], ['Inbox', 'Search', 'Resolutions', 'Decision studio', 'SLA policy', 'Automations', 'Dashboard', 'AI learning', 'Dead letters']],
    [['admin'], ['Inbox', 'Search', 'Resolutions', 'Decision studio', 'SLA policy', 'Automations', 'Dashboard', 'AI learning', 'Dead letters']],
    [['analyst'], ['Decision studio', 'SLA policy', 'Automations', 'Dashboard', 'AI learning']],
    [['engineer'], ['Resolutions']],
    [['developer'], ['Decision studio']],
    [['api'], []],
    [[], []],
  ])('roles %j see %j', (roles, expected) => {
    expect(labels(roles)).toEqual(expected);
  });

  it('joins the pages of several roles without duplicates, in nav order', () => {
    expect(labels(['analyst', 'agent'])).toEqual(['Inbox', 'Search', 'Resolutions', 'Decision studio', 'SLA policy', 'Automations', 'Dashboard', 'AI learning']);
  });

  it('ignores unknown roles', () => {
    expect(labels(['customer'])).toEqual([]);
  });
});

describe('canSee', () => {
  it('allows only the pages a role is given, including pages outside the navigation', () => {
    expect(canSee(['agent'], 'inbox')).toBe(true);
    expect(canSee(['agent'], 'conversations')).toBe(true);
    expect(canSee(['agent'], 'policies')).toBe(false);
    expect(canSee(['engineer'], 'dashboard')).toBe(false);
    expect(canSee(['supervisor'], 'failures')).toBe(true);
    expect(canSee(['agent'], 'failures')).toBe(false);
    expect(canSee(['analyst'], 'failures')).toBe(false);
  });
});

describe('parseRoute', () => {
  it.each([
    ['', null],
    ['#', null],
    ['#/', null],
    ['#/inbox', 'inbox'],
    ['#/policies/sla-policy', 'policies'],
    ['#/inbox?queue=payments', 'inbox'],
  ])('%j → %j', (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });

  it('reports unknown paths', () => {
    expect(parseRoute('#/nowhere')).toEqual({ unknown: 'nowhere' });
  });
});

describe('route parameters', () => {
  it('reads path segments and the query', () => {
    expect(routeParams('#/conversations/abc-1')).toEqual(['abc-1']);
    expect(routeParams('#/policies/sla%20x/3?tab=history')).toEqual(['sla x', '3']);
    expect(routeQuery('#/inbox?queue=payments&state=escalated').get('state')).toBe('escalated');
  });

  it('builds links that round-trip', () => {
    expect(hrefFor('conversations', 'a/b')).toBe('#/conversations/a%2Fb');
    expect(routeParams(hrefFor('conversations', 'a/b'))).toEqual(['a/b']);
  });
});
