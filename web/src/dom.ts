// A tiny element builder. Text goes through textContent and attributes through
// setAttribute, never innerHTML, so names from the CRM cannot inject markup,
// and no inline style attributes are written (CSP without 'unsafe-inline').
//
//   h('a', { href: '/people/u1', class: 'name' }, 'David')

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string | null | (string | false | null | undefined)[];
  testid?: string;
  data?: Record<string, string | number | boolean | null | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (ev: HTMLElementEventMap[K]) => void }>;
  [attr: string]: unknown;
}

function append(el: Element, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(el, c);
  } else if (child instanceof Node) {
    el.appendChild(child);
  } else {
    el.appendChild(document.createTextNode(String(child)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') {
        const cls = Array.isArray(v) ? v.filter(Boolean).join(' ') : String(v);
        if (cls) el.className = cls;
      } else if (k === 'testid') {
        el.setAttribute('data-testid', String(v));
      } else if (k === 'data') {
        for (const [dk, dv] of Object.entries(v as Record<string, unknown>)) {
          if (dv !== undefined && dv !== null) el.setAttribute(`data-${dk}`, String(dv));
        }
      } else if (k === 'on') {
        for (const [ev, fn] of Object.entries(v as Record<string, EventListener>)) el.addEventListener(ev, fn);
      } else if (k === 'style') {
        throw new Error('h(): inline style attributes are not allowed (CSP); use a class');
      } else if (k === 'value' && (el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) {
        el.value = String(v);
      } else if (k === 'checked' && el instanceof HTMLInputElement) {
        el.checked = Boolean(v);
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  for (const c of children) append(el, c);
  return el;
}

/** Replaces the children of el. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  for (const c of children) append(el, c);
}
