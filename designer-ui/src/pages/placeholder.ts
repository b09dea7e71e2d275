import { h } from '../dom';

export function renderMessagePage(title: string, message: string): HTMLElement {
  return h('section', { class: 'page' }, h('h1', { tabindex: '-1' }, title), h('p', {}, message));
}
