import { describe, expect, it } from 'vitest';
import { canSee, pagesFor, parseRoute } from './nav';

const labels = (roles: string[]) => pagesFor(roles).map((page) => page.label);

describe('pagesFor', () => {
  it.each([
    [['agent'], ['Inbox', 'Tasks']],
    [['supervisor'], ['Inbox', 'Tasks', 'Policies', 'Dashboards']],
    [['analyst'], ['Policies']],
    [['admin'], ['Policies', 'Dashboards']],
    [['engineer'], []],
    [['api'], []],
    [[], []],
  ])('roles %j see %j', (roles, expected) => {
    expect(labels(roles)).toEqual(expected);
  });

  it('joins the pages of several roles without duplicates, in nav order', () => {
    expect(labels(['analyst', 'agent', 'admin'])).toEqual(['Inbox', 'Tasks', 'Policies', 'Dashboards']);
  });

  it('ignores unknown roles', () => {
    expect(labels(['customer'])).toEqual([]);
  });
});

describe('canSee', () => {
  it('allows only the pages a role is given', () => {
    expect(canSee(['agent'], 'inbox')).toBe(true);
    expect(canSee(['agent'], 'policies')).toBe(false);
    expect(canSee(['analyst'], 'dashboards')).toBe(false);
  });
});

describe('parseRoute', () => {
  it.each([
    ['', null],
    ['#', null],
    ['#/', null],
    ['#/inbox', 'inbox'],
    ['#/policies/sla-policy', 'policies'],
    ['#/tasks?mine=true', 'tasks'],
  ])('%j → %j', (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });

  it('reports unknown paths', () => {
    expect(parseRoute('#/nowhere')).toEqual({ unknown: 'nowhere' });
  });
});
