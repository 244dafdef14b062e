// Home: find a person by name, and the org tree from manager_id.
import { api } from '../api';
import { h, replace } from '../dom';
import { navigate, personPath, teamPath } from '../router';
import type { User } from '../types';
import { type PageContext, roleLabel, setTitle } from './common';

export interface TreeNode {
  user: User;
  children: TreeNode[];
}

/**
 * The org tree: roots are people without a manager or whose manager the
 * caller cannot see; children in the users' order. Cycles are broken.
 */
export function buildTree(users: User[]): TreeNode[] {
  const nodes = new Map(users.map((u) => [u.id, { user: u, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const u of users) {
    const node = nodes.get(u.id)!;
    const parent = u.manager_id ? nodes.get(u.manager_id) : undefined;
    if (parent && parent !== node && !isAncestor(node, parent)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function isAncestor(node: TreeNode, of: TreeNode): boolean {
  const stack = [...node.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === of) return true;
    stack.push(...n.children);
  }
  return false;
}

/** People whose name, email or team contains every word of the query (case-insensitive). */
export function searchUsers(users: User[], q: string): User[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return users
    .filter((u) => {
      const hay = `${u.name} ${u.email ?? ''} ${u.team ?? ''}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => {
      const an = a.name.toLowerCase().startsWith(words[0]!) ? 0 : 1;
      const bn = b.name.toLowerCase().startsWith(words[0]!) ? 0 : 1;
      return an - bn || a.name.localeCompare(b.name);
    });
}

function personLine(u: User, hasReports: boolean): HTMLElement[] {
  return [
    h('a', { href: personPath(u.id), class: 'person-link', data: { id: u.id } }, u.name),
    h('span', { class: `role role-${u.role}` }, roleLabel(u.role)),
    u.team ? h('span', { class: 'team-name' }, u.team) : (null as unknown as HTMLElement),
    hasReports ? h('a', { href: teamPath(u.id), class: 'sub-link' }, 'team') : (null as unknown as HTMLElement),
  ].filter(Boolean);
}

function treeList(nodes: TreeNode[]): HTMLElement {
  return h(
    'ul',
    { class: 'tree' },
    nodes.map((n) =>
      h('li', { data: { id: n.user.id } }, h('div', { class: 'node' }, personLine(n.user, n.children.length > 0 || n.user.has_reports === true)), n.children.length ? treeList(n.children) : null),
    ),
  );
}

export async function renderHome(ctx: PageContext): Promise<void> {
  setTitle('People');
  const users = await api.users();
  if (ctx.signal.aborted) return;
  const managers = new Set([...users.map((u) => u.manager_id), ...users.filter((u) => u.has_reports).map((u) => u.id)].filter(Boolean));
  const results = h('ul', { class: 'results', testid: 'search-results', 'aria-live': 'polite' });
  const input = h('input', {
    type: 'search', id: 'search', placeholder: 'Find a person by name, email or team', autocomplete: 'off', testid: 'search',
    'aria-label': 'Find a person', value: ctx.url.searchParams.get('q') ?? '',
  });
  const update = () => {
    const q = input.value.trim();
    const found = searchUsers(users, q);
    replace(
      results,
      q === '' ? null : found.length === 0 ? h('li', { class: 'empty' }, 'Nobody matches.') : found.slice(0, 50).map((u) => h('li', null, personLine(u, managers.has(u.id)))),
    );
  };
  input.addEventListener('input', update);
  input.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    const found = searchUsers(users, input.value.trim());
    if (found.length >= 1) navigate(personPath(found[0]!.id));
  });
  update();
  replace(
    ctx.root,
    h(
      'article',
      { class: 'home-page', testid: 'home-page' },
      h('header', { class: 'page-header' }, h('h1', null, 'People'), h('p', { class: 'subtitle' }, 'Pick a person to open their one-on-one scorecard.')),
      h('section', { class: 'panel search-panel' }, input, results),
      h('section', { class: 'panel', testid: 'org-tree' }, h('h2', null, 'Organisation'), users.length ? treeList(buildTree(users)) : h('p', { class: 'empty' }, 'No people loaded yet.')),
    ),
  );
  input.focus();
}
