// Entry point: routes each URL to its page, shows the sign-in page on 401.
import './styles.css';
import { api, ApiError } from './api';
import { disposeAllCharts } from './charts/echarts';
import { h, replace } from './dom';
import { errorPanel, loading, setTitle } from './pages/common';
import { renderHome } from './pages/home';
import { renderLogin } from './pages/login';
import { renderPerson } from './pages/person';
import { renderTeam } from './pages/team';
import { refresh, startRouter, type Route } from './router';

const root = document.getElementById('app')!;
const account = document.querySelector<HTMLElement>('[data-testid="account"]');
let controller: AbortController | null = null;

// Shows who is signed in, with a sign-out button; hidden when signed out
// (or when the server has no sign-in).
async function showAccount(): Promise<void> {
  if (!account) return;
  try {
    const me = await api.me();
    account.querySelector('[data-testid="account-email"]')!.textContent = me.email;
    account.hidden = false;
  } catch {
    account.hidden = true;
  }
}

account?.querySelector('[data-testid="sign-out"]')?.addEventListener('click', () => {
  void (async () => {
    try {
      await api.logout();
    } finally {
      account.hidden = true;
      refresh();
    }
  })();
});

async function render(route: Route, url: URL): Promise<void> {
  controller?.abort();
  const ctrl = new AbortController();
  controller = ctrl;
  disposeAllCharts();
  root.setAttribute('aria-busy', 'true');
  replace(root, loading());
  const ctx = { root, url, signal: ctrl.signal };
  try {
    switch (route.name) {
      case 'home':
        await renderHome(ctx);
        break;
      case 'person':
        await renderPerson(ctx, route.id);
        break;
      case 'team':
        await renderTeam(ctx, route.id);
        break;
      default:
        setTitle('Not found');
        replace(root, h('section', { class: 'panel error', testid: 'error' }, h('h1', null, 'Page not found'), h('p', null, h('a', { href: '/' }, 'Back to people'))));
    }
    if (!ctrl.signal.aborted) void showAccount();
  } catch (e) {
    if (ctrl.signal.aborted) return;
    if (e instanceof ApiError && e.status === 401) {
      if (account) account.hidden = true;
      renderLogin(root, () => refresh());
    } else {
      setTitle(e instanceof ApiError && e.status === 404 ? 'Not found' : 'Error');
      replace(root, errorPanel(e));
      void showAccount();  // a 403 or 404 page: still signed in
    }
  } finally {
    if (controller === ctrl) root.setAttribute('aria-busy', 'false');
  }
}

startRouter((route, url) => void render(route, url));
