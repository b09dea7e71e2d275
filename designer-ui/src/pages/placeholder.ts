import { h } from '../dom';

/** A page that later issues fill in. */
export function renderPlaceholder(title: string, purpose: string): HTMLElement {
  return h(
    'section',
    { class: 'page' },
    h('h1', { tabindex: '-1' }, title),
    h('p', {}, purpose),
    h('p', { class: 'muted' }, 'This page is not built yet.'),
  );
}

export function renderMessagePage(title: string, message: string): HTMLElement {
  return h('section', { class: 'page' }, h('h1', { tabindex: '-1' }, title), h('p', {}, message));
}
