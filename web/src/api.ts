// Typed fetch wrappers for the Scorecards JSON API (same origin).
//
//   const doc = await api.scorecard('u1', { asOf: '2026-12-17' });
//
// Every call throws ApiError on a non-2xx answer; status 401 means "sign in"
// (the router then shows the sign-in page and retries after it).
import type { AccountsPage, Scorecard, TeamDoc, User } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
      ...init,
    });
  } catch (e) {
    throw new ApiError(0, `Cannot reach the server (${(e as Error).message})`);
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const msg =
      body && typeof body === 'object' && 'error' in body && typeof (body as { error: unknown }).error === 'string'
        ? (body as { error: string }).error
        : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, msg);
  }
  return body as T;
}

/** Builds a query string from the defined, non-empty values ("" when none). */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, v === true ? '1' : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface AccountsQuery {
  asOf?: string | null;
  openPipeline?: boolean;
  stale?: boolean;
  sort?: string | null;
  limit?: number | null;
  offset?: number | null;
}

let usersCache: Promise<User[]> | null = null;

export const api = {
  health: () => request<{ status: string }>('/api/health'),

  /** The people the caller may see; cached for the session (cleared on sign-in). */
  users(): Promise<User[]> {
    if (!usersCache) {
      usersCache = request<{ users: User[] }>('/api/users').then((r) => r.users);
      usersCache.catch(() => {
        usersCache = null;
      });
    }
    return usersCache;
  },

  scorecard: (id: string, opts: { asOf?: string | null; period?: string | null } = {}) =>
    request<Scorecard>(`/api/users/${encodeURIComponent(id)}/scorecard${query({ as_of: opts.asOf, period: opts.period })}`),

  accounts: (id: string, q: AccountsQuery = {}) =>
    request<AccountsPage>(
      `/api/users/${encodeURIComponent(id)}/accounts${query({
        as_of: q.asOf,
        open_pipeline: q.openPipeline,
        stale: q.stale,
        sort: q.sort,
        limit: q.limit,
        offset: q.offset,
      })}`,
    ),

  team: (id: string, opts: { asOf?: string | null } = {}) =>
    request<TeamDoc>(`/api/users/${encodeURIComponent(id)}/team${query({ as_of: opts.asOf })}`),

  async login(email: string, password: string): Promise<void> {
    await request<unknown>('/api/login', { method: 'POST', body: JSON.stringify({ email, password }) });
    usersCache = null;
  },

  /** Ends the session (the server clears the cookie). */
  async logout(): Promise<void> {
    await request<unknown>('/api/logout', { method: 'POST', body: '{}' });
    usersCache = null;
  },

  /** The signed-in account and the person it stands for (null for an admin). */
  me: () => request<{ email: string; role: 'admin' | 'person'; user: User | null }>('/api/me'),
};
