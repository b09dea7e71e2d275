// The supervisor dashboard: key care metrics over time (GET /api/v1/analytics/metrics), customer
// satisfaction (scores, per agent and queue) and the floor now (queues and agent load). Refreshes every 30 seconds.
// Each chart exports its figure as CSV; the drill-down lists the conversations behind a figure on a day.

import {
  errorMessage, fetchMetricConversations, fetchMetrics, fetchMetricsCsv, type Credentials, type CsatFigures, type CsatGroup,
  type Figures, type Metrics,
} from '../api';
import { h } from '../dom';
import { lineChart } from '../lib/chart';
import { groupLine, scoreBars } from '../lib/csat';
import { formatSeconds } from '../lib/sla-clock';
import { button, field, poll, select } from '../ui';

const DAY = 86_400_000;

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const seconds = (value: number) => formatSeconds(value);

/** Each chart, and the conversations its figure is computed over (the drill-down's figure). */
const CHARTS: { key: keyof Figures; title: string; format: (value: number) => string; behind: string; behindLabel: string }[] = [
  { key: 'firstResponseAverageSeconds', title: 'First response time (average)', format: seconds, behind: 'responded', behindLabel: 'Answered' },
  { key: 'resolutionAverageSeconds', title: 'Time to resolution (average)', format: seconds, behind: 'resolved', behindLabel: 'Resolved' },
  { key: 'aiDeflectionRate', title: 'AI deflection rate', format: percent, behind: 'deflected', behindLabel: 'Deflected by the AI' },
  { key: 'aiOverrideRate', title: 'AI override rate', format: percent, behind: 'corrected', behindLabel: 'AI classification corrected' },
  { key: 'slaBreachRate', title: 'SLA breach rate', format: percent, behind: 'sla-breached', behindLabel: 'SLA breached' },
  { key: 'reopenRate', title: 'Reopen rate', format: percent, behind: 'reopened', behindLabel: 'Reopened' },
  { key: 'csat', title: 'CSAT', format: (value) => value.toFixed(2), behind: 'surveys-answered', behindLabel: 'Survey answered' },
];

export function renderDashboard(credentials: Credentials, signal: AbortSignal): HTMLElement {
  const range = select([['7', 'Last 7 days'], ['30', 'Last 30 days'], ['90', 'Last 90 days']], '30');
  const tiles = h('div', { class: 'tiles' });
  const charts = h('div', { class: 'charts' });
  const floor = h('div', { class: 'floor' });
  const satisfaction = h('div', { class: 'floor csat' });
  const note = h('p', { class: 'muted', role: 'status' }, 'Loading metrics…');
  const drillFigure = select([['conversations', 'Opened'], ...CHARTS.map((c): [string, string] => [c.behind, c.behindLabel])], 'conversations');
  const drillDay = select([], '');
  const drillStatus = h('p', { class: 'muted', role: 'status' });
  const drillResults = h('div', { class: 'drill-down-results' });
  let period = { from: '', to: '' };

  const download = async (figure?: string) => {
    try {
      const csv = await fetchMetricsCsv(credentials, period.from, period.to, figure);
      const link = h('a', { href: `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`, download: `metrics${figure ? `-${figure}` : ''}.csv` });
      link.click();
    } catch (failure) {
      note.textContent = `Could not export: ${errorMessage(failure)}`;
    }
  };

  const drillDown = async () => {
    if (!drillDay.value) return;
    drillStatus.textContent = 'Loading conversations…';
    try {
      const listed = await fetchMetricConversations(credentials, drillFigure.value, drillDay.value, signal);
      drillStatus.textContent = `${listed.conversations.length}${listed.truncated ? '+' : ''} conversations`
        + ` (${drillFigure.selectedOptions[0]?.textContent ?? drillFigure.value}, ${drillDay.value}).`;
      drillResults.replaceChildren(listed.conversations.length === 0 ? h('p', { class: 'muted' }, 'None on that day.') : h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, ['Conversation', 'Opened', 'Channel', 'State', 'Queue', 'Intent', 'Severity', 'Assignee']
          .map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody', {}, listed.conversations.map((c) => h('tr', {},
          h('th', { scope: 'row' }, h('a', { href: `#/conversations/${c.id}` }, c.id.slice(0, 8))),
          h('td', {}, new Date(c.createdAt).toLocaleString()), h('td', {}, c.channel), h('td', {}, c.state),
          h('td', {}, c.queue ?? '—'), h('td', {}, c.intent ?? '—'), h('td', {}, c.severity ?? '—'), h('td', {}, c.assignee ?? '—'))))));
    } catch (failure) {
      if (!signal.aborted) drillStatus.textContent = `Could not load the conversations: ${errorMessage(failure)}`;
    }
  };

  const refresh = async () => {
    const days = Number(range.value);
    const to = new Date(Math.ceil(Date.now() / DAY) * DAY);
    const from = new Date(to.getTime() - days * DAY);
    period = { from: from.toISOString(), to: to.toISOString() };
    try {
      const metrics = await fetchMetrics(credentials, from.toISOString(), to.toISOString(), signal);
      render(metrics);
      note.textContent = `Updated ${new Date().toLocaleTimeString()}.`;
    } catch (failure) {
      if (!signal.aborted) note.textContent = `Could not load metrics: ${errorMessage(failure)}`;
    }
  };

  const render = (metrics: Metrics) => {
    const t = metrics.totals;
    tiles.replaceChildren(
      tile('First response', formatSeconds(t.firstResponseAverageSeconds), `median ${formatSeconds(t.firstResponseMedianSeconds)} · ${t.responded} answered`),
      tile('Time to resolution', formatSeconds(t.resolutionAverageSeconds), `median ${formatSeconds(t.resolutionMedianSeconds)} · ${t.resolved} resolved`),
      tile('AI deflection', rate(t.aiDeflectionRate), `${t.deflected} of ${t.conversations} conversations`),
      tile('AI override', rate(t.aiOverrideRate), `${t.corrected} of ${t.classified} classifications corrected`),
      tile('SLA breach', rate(t.slaBreachRate), `${t.slaBreached} of ${t.slaTracked} with targets`),
      tile('Reopen', rate(t.reopenRate), `${t.reopened} of ${t.resolved} resolved`),
      tile('CSAT', t.csat === null ? '—' : t.csat.toFixed(2),
        t.surveysSent === 0 ? 'no surveys sent' : `${t.surveysAnswered} of ${t.surveysSent} surveys answered (${rate(t.csatResponseRate)})`),
      tile('Automated decisions', String(t.automatedDecisions), 'explained in the decision log'),
    );
    charts.replaceChildren(...CHARTS.map((chart) => {
      const card = lineChart(chart.title,
        metrics.series.map((day) => ({ label: day.day, value: day.figures[chart.key] as number | null })), chart.format, chart.key);
      card.append(button('Export CSV', () => void download(chart.key),
        { class: 'button small secondary', 'aria-label': `Export CSV: ${chart.title}` }));
      return card;
    }));
    const chosen = drillDay.value;
    const days = [...metrics.series].reverse().map((day) => day.day);
    drillDay.replaceChildren(...days.map((day) => h('option', { value: day }, day)));
    drillDay.value = days.includes(chosen) ? chosen : days[0] ?? '';
    satisfaction.replaceChildren(...csatPanels(metrics.csat));
    floor.replaceChildren(
      h('section', { class: 'panel', 'aria-labelledby': 'queues-heading' }, h('h2', { id: 'queues-heading' }, 'Queues now'),
        metrics.queues.length === 0 ? h('p', { class: 'muted' }, 'No open conversations.') : h('table', { class: 'table' },
          h('thead', {}, h('tr', {}, ['Queue', 'Open', 'Unassigned', 'Overdue'].map((l) => h('th', { scope: 'col' }, l)))),
          h('tbody', {}, metrics.queues.map((q) => h('tr', {}, h('th', { scope: 'row' }, q.queue), h('td', {}, String(q.open)),
            h('td', {}, String(q.unassigned)), h('td', { class: q.overdue > 0 ? 'overdue' : '' }, String(q.overdue))))))),
      h('section', { class: 'panel', 'aria-labelledby': 'agents-heading' }, h('h2', { id: 'agents-heading' }, 'Agent load now'),
        metrics.agents.length === 0 ? h('p', { class: 'muted' }, 'No agent owns an open conversation.') : h('table', { class: 'table' },
          h('thead', {}, h('tr', {}, ['Agent', 'Open', 'Overdue'].map((l) => h('th', { scope: 'col' }, l)))),
          h('tbody', {}, metrics.agents.map((a) => h('tr', {}, h('th', { scope: 'row' }, a.agent), h('td', {}, String(a.open)),
            h('td', { class: a.overdue > 0 ? 'overdue' : '' }, String(a.overdue))))))));
  };

  range.addEventListener('change', () => void refresh());
  poll(refresh, 30_000, signal);

  return h('section', { class: 'page dashboard' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Dashboard'), field('Period', range)),
    note, tiles, h('h2', {}, 'Customer satisfaction'), satisfaction,
    h('div', { class: 'page-head' }, h('h2', {}, 'Over time (by UTC day)'),
      button('Export all figures (CSV)', () => void download(), { class: 'button small secondary' })),
    charts,
    h('section', { class: 'panel drill-down', 'aria-labelledby': 'drill-heading' },
      h('h2', { id: 'drill-heading' }, 'The conversations behind a figure'),
      h('div', { class: 'row' }, field('Figure', drillFigure), field('Day', drillDay),
        button('Show conversations', () => void drillDown(), { class: 'button small' })),
      drillStatus, drillResults),
    floor);
}

/** The scores customers gave, and the figures of each agent and queue that handled the surveyed conversations. */
function csatPanels(csat: CsatFigures): HTMLElement[] {
  const groups = (id: string, title: string, column: string, list: CsatGroup[]) =>
    h('section', { class: 'panel', 'aria-labelledby': id }, h('h3', { id }, title),
      list.length === 0 ? h('p', { class: 'muted' }, 'No surveys sent.') : h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, [column, 'CSAT', 'Response rate'].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody', {}, list.map((g) => h('tr', {}, h('th', { scope: 'row' }, g.name),
          h('td', { title: groupLine(g) }, g.average === null ? '—' : g.average.toFixed(2)), h('td', {}, rate(g.responseRate)))))));
  return [
    h('section', { class: 'panel', 'aria-labelledby': 'csat-scores-heading' }, h('h3', { id: 'csat-scores-heading' }, 'Scores'),
      h('table', { class: 'table csat-distribution' },
        h('thead', {}, h('tr', {}, ['Score', 'Answers', 'Share'].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody', {}, scoreBars(csat.distribution).map((bar) => h('tr', { 'data-score': String(bar.score) },
          h('th', { scope: 'row' }, `${bar.score} / 5`), h('td', {}, String(bar.answers)),
          h('td', {}, h('meter', { min: '0', max: '1', value: String(bar.share), 'aria-label': `Share of score ${bar.score}` }),
            ` ${percent(bar.share)}`)))))),
    groups('csat-agents-heading', 'By agent', 'Agent', csat.byAgent),
    groups('csat-queues-heading', 'By queue', 'Queue', csat.byQueue),
  ];
}

function rate(value: number | null): string {
  return value === null ? '—' : percent(value);
}

function tile(name: string, value: string, detail: string): HTMLElement {
  return h('div', { class: 'tile', role: 'group', 'aria-label': name },
    h('div', { class: 'tile-name' }, name), h('div', { class: 'tile-value' }, value), h('div', { class: 'tile-detail muted' }, detail));
}
