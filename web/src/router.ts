// Client-side routing with the History API. The server answers the deep links
// with index.html; same-origin <a href> clicks are taken over here.
//
//   /                      home: search and org tree
//   /people/{id}           the one-on-one page (?as_of=YYYY-MM-DD&period=LABEL)
//   /people/{id}/team      a manager's team table (?as_of=)

export type Route =
  | { name: 'home' }
  | { name: 'person'; id: string }
  | { name: 'team'; id: string }
  | { name: 'notfound'; path: string };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'home' };
  let m = /^\/people\/([^/]+)$/.exec(path);
  if (m) return { name: 'person', id: safeDecode(m[1]!) };
  m = /^\/people\/([^/]+)\/team$/.exec(path);
  if (m) return { name: 'team', id: safeDecode(m[1]!) };
  return { name: 'notfound', path };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The path of a person's page, keeping the as-of date when given. */
export function personPath(id: string, asOf?: string | null): string {
  return `/people/${encodeURIComponent(id)}${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ''}`;
}

export function teamPath(id: string, asOf?: string | null): string {
  return `/people/${encodeURIComponent(id)}/team${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ''}`;
}

type Render = (route: Route, url: URL) => void;
let render: Render | null = null;

export function currentUrl(): URL {
  return new URL(window.location.href);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.origin);
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.scrollTo(0, 0);
  render?.(matchRoute(url.pathname), url);
}

/** Re-renders the current URL (after a sign-in, for example). */
export function refresh(): void {
  const url = currentUrl();
  render?.(matchRoute(url.pathname), url);
}

export function startRouter(r: Render): void {
  render = r;
  window.addEventListener('popstate', () => refresh());
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download') || a.getAttribute('rel') === 'external') return;
    const href = a.getAttribute('href');
    if (!href || href.startsWith('#')) return;
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    ev.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  refresh();
}
