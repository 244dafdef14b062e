import { describe, expect, it } from 'vitest';
import { query } from '../src/api';
import { buildTree, searchUsers } from '../src/pages/home';
import { isManager } from '../src/pages/person';
import { matchRoute, personPath, teamPath } from '../src/router';
import { david, maria, users } from './fixtures';

describe('routes', () => {
  it('matches the pages', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/people/u1')).toEqual({ name: 'person', id: 'u1' });
    expect(matchRoute('/people/u1/')).toEqual({ name: 'person', id: 'u1' });
    expect(matchRoute('/people/005Dn000001%20x/team')).toEqual({ name: 'team', id: '005Dn000001 x' });
    expect(matchRoute('/people')).toEqual({ name: 'notfound', path: '/people' });
    expect(matchRoute('/nope/a/b')).toEqual({ name: 'notfound', path: '/nope/a/b' });
  });

  it('builds links that keep the as-of date', () => {
    expect(personPath('u1')).toBe('/people/u1');
    expect(personPath('u 1', '2026-12-01')).toBe('/people/u%201?as_of=2026-12-01');
    expect(teamPath('m1', '2026-12-01')).toBe('/people/m1/team?as_of=2026-12-01');
  });

  it('builds API query strings from the set values only', () => {
    expect(query({ as_of: '2026-12-17', open_pipeline: true, stale: false, sort: '-open_pipeline', limit: 50, offset: 0 })).toBe(
      '?as_of=2026-12-17&open_pipeline=1&sort=-open_pipeline&limit=50&offset=0',
    );
    expect(query({ as_of: null, period: undefined })).toBe('');
  });
});

describe('home', () => {
  it('builds the org tree from manager_id', () => {
    const tree = buildTree(users());
    expect(tree.map((n) => n.user.name)).toEqual(['Alex Morgan']);
    expect(tree[0]!.children.map((n) => n.user.id)).toEqual(['m1', 'm2']);
    expect(tree[0]!.children[0]!.children.map((n) => n.user.name)).toEqual(['David', 'Priya Shah', 'Tom Becker', 'Elena Rossi', 'Marcus Lee']);
  });

  it('makes roots of people whose manager is not visible, and survives cycles', () => {
    const u = users().filter((x) => x.id !== 'vp1');
    expect(buildTree(u).map((n) => n.user.id)).toEqual(['m1', 'm2']);
    const cyc = [
      { id: 'a', name: 'A', role: 'manager', manager_id: 'b' },
      { id: 'b', name: 'B', role: 'manager', manager_id: 'a' },
    ];
    const t = buildTree(cyc);
    expect(t.map((n) => n.user.id)).toEqual(['b']);
    expect(t[0]!.children.map((n) => n.user.id)).toEqual(['a']);
  });

  it('finds people by name, email or team, name prefix first', () => {
    expect(searchUsers(users(), 'dav').map((u) => u.name)).toEqual(['David']);
    expect(searchUsers(users(), 'EAST').map((u) => u.name)).toEqual(['Lisa Wong', 'Nina Alvarez', 'Omar Haddad', 'Sam Patel']);
    expect(searchUsers(users(), 'maria west').map((u) => u.id)).toEqual(['m1']);
    expect(searchUsers(users(), '  ')).toEqual([]);
  });

  it('offers the team page to managers only', () => {
    expect(isManager(david(), users())).toBe(false);
    expect(isManager(maria(), users())).toBe(true);
    const d = david();
    d.user.role = 'ae';
    expect(isManager(d, [...users(), { id: 'x', name: 'X', role: 'ae', manager_id: 'u1' }])).toBe(true);
  });
});
