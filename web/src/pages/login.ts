// The sign-in page, shown when the API answers 401: posts {email, password}
// to /api/login, then the caller re-renders the page it was on.
import { api, ApiError } from '../api';
import { h, replace } from '../dom';
import { setTitle } from './common';

export function renderLogin(root: HTMLElement, onSuccess: () => void): void {
  setTitle('Sign in');
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, testid: 'login-email' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, testid: 'login-password' });
  const message = h('p', { class: 'form-error', role: 'alert', testid: 'login-error' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Sign in');
  const form = h(
    'form',
    { class: 'panel login', testid: 'login-form' },
    h('h1', null, 'Sign in'),
    h('label', null, h('span', null, 'Email'), email),
    h('label', null, h('span', null, 'Password'), password),
    message,
    submit,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    try {
      await api.login(email.value.trim(), password.value);
      onSuccess();
    } catch (e) {
      message.textContent =
        e instanceof ApiError && e.status === 401 ? 'Wrong email or password.' : e instanceof ApiError && e.status === 429 ? 'Too many attempts; wait a minute.' : (e as Error).message;
      submit.disabled = false;
      password.select();
    }
  });
  replace(root, form);
  email.focus();
}
