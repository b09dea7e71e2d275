// A small accessible SVG line chart for daily metrics: the figure has a text summary and a
// table of the values for screen readers; gaps (no data that day) break the line.

import { h } from '../dom';

export interface Point {
  label: string;
  value: number | null;
}

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

/** The SVG path of the points scaled into width × height; null values start a new segment. */
export function linePath(values: (number | null)[], width: number, height: number, max: number): string {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const x = values.length > 1 ? index * step : width / 2;
    const y = height - (max > 0 ? (value / max) * height : 0);
    path += `${drawing ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)} `;
    drawing = true;
  });
  return path.trim();
}

export function lineChart(title: string, points: Point[], format: (value: number) => string, id: string): HTMLElement {
  const width = 320;
  const height = 110;
  const values = points.map((p) => p.value);
  const present = values.filter((v): v is number => v !== null);
  const max = Math.max(...present, 0) * 1.1 || 1;
  const chart = svg('svg', { viewBox: `-4 -4 ${width + 8} ${height + 8}`, role: 'img', 'aria-labelledby': `${id}-title`, class: 'chart' });
  chart.append(svg('line', { x1: 0, y1: height, x2: width, y2: height, class: 'axis' }));
  chart.append(svg('path', { d: linePath(values, width, height, max), class: 'line' }));
  values.forEach((value, index) => {
    if (value === null) return;
    const x = values.length > 1 ? (index * width) / (values.length - 1) : width / 2;
    const dot = svg('circle', { cx: x.toFixed(1), cy: (height - (value / max) * height).toFixed(1), r: 2.5, class: 'dot' });
    const tip = svg('title', {});
    tip.textContent = `${points[index]!.label}: ${format(value)}`;
    dot.append(tip);
    chart.append(dot);
  });
  const latest = present.length ? format(present[present.length - 1]!) : 'no data';
  const summary = `${title}: ${present.length ? `from ${format(present[0]!)} to ${latest}, highest ${format(Math.max(...present))}` : 'no data in this period'}`;
  return h('figure', { class: 'chart-card', 'data-metric': id },
    h('figcaption', { id: `${id}-title` }, h('span', {}, title), h('span', { class: 'visually-hidden' }, `. ${summary}`)),
    chart,
    h('table', { class: 'visually-hidden' }, h('caption', {}, title),
      h('tbody', {}, points.map((p) => h('tr', {}, h('th', { scope: 'row' }, p.label), h('td', {}, p.value === null ? 'no data' : format(p.value)))))));
}
