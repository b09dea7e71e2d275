// One conversation: a single timeline across channels (channel badges, AI annotations),
// the handoff brief, internal notes, state actions, the reply composer with macros and knowledge-base
// suggestions, corrections of the AI's reading, and "Why?" — every automated decision
// explained. It follows the conversation live (server push) without a reload.

import {
  addNote,
  applyMacro,
  correct,
  fetchConversation,
  fetchAttachment,
  fetchDecisions,
  fetchMacros,
  leavePresence,
  sayPresence,
  markRead,
  searchKnowledge,
  sendReply,
  transition,
  type ConversationView,
  type Credentials,
  type DecisionExplanation,
  type AttachmentView,
  type Macro,
  type TimelineEntry,
} from '../api';
import { h } from '../dom';
import { briefView, fileSize, isPreviewableImage } from '../lib/brief';
import { describeActions, fillKnown, knownPlaceholders, matchMacros } from '../lib/macros';
import { presenceText, type Viewer } from '../lib/presence';
import { onLive, refreshOnLive } from '../live';
import { hrefFor, routeQuery } from '../nav';
import {
  busy,
  button,
  channelBadge,
  countdown,
  field,
  formatInstant,
  INTENTS,
  QUEUES,
  select,
  SEVERITIES,
  stateBadge,
  statusLine,
  tickCountdowns,
} from '../ui';

/** The server forgets a viewer not heard from for 30 s; say we are here well within that. */
const PRESENCE_HEARTBEAT_MS = 10_000;
/** Typing shows for 6 s after the last keystroke the server heard; say it at most every 3 s. */
const PRESENCE_TYPING_THROTTLE_MS = 3_000;

export function renderConversation(credentials: Credentials, id: string, signal: AbortSignal, me: string): HTMLElement {
  const status = statusLine();
  const heading = h('h1', { tabindex: '-1' }, `Conversation ${id.slice(0, 8)}`);
  const summary = h('div', { class: 'conversation-summary' });
  const timeline = h('ol', { class: 'timeline', 'aria-label': 'Timeline' });
  const brief = h('div', { class: 'brief' });
  const actions = h('div', { class: 'state-actions' });
  const decisions = h('div', { class: 'decisions' }, h('p', { class: 'muted' }, 'Press “Why?” to see every automated decision.'));
  let timelineKey = '';

  // --- Reply composer with knowledge-base suggestions ---
  const reply = h('textarea', { rows: '4', placeholder: 'Write to the customer…' });
  const channel = h('select', {});
  const suggestions = h('ul', { class: 'suggestions', 'aria-label': 'Knowledge base suggestions' });
  const send = button('Send reply', () => void busy(send, status, async () => {
    if (!reply.value.trim()) {
      status.say('Write a reply first.');
      reply.focus();
      return;
    }
    if (chosenMacro) {
      // the macro's own path: the server fills the remaining placeholders, applies its actions and counts the use
      const sent = await applyMacro(credentials, id, chosenMacro.id, reply.value);
      status.say(`Macro “${chosenMacro.name}” sent; the conversation is ${sent.state.replaceAll('_', ' ')}.`);
      chooseMacro(null);
    } else {
      await sendReply(credentials, id, reply.value, channel.value || undefined);
      status.say('Reply sent.');
    }
    reply.value = '';
    await refresh();
  }), { class: 'button' });

  // --- Macros: search the agent's own and the shared ones, insert one into the composer ---
  let macros: Macro[] = [];
  let chosenMacro: Macro | null = null;
  let known: Record<string, string> = knownPlaceholders({ id, queue: null });
  const macroSearch = h('input', { type: 'search', placeholder: 'Search macros…', 'aria-controls': 'macro-list' });
  const macroList = h('ul', { id: 'macro-list', class: 'macro-list', 'aria-label': 'Macros' });
  const chosen = h('p', { class: 'macro-chosen muted small', role: 'status' });
  const chooseMacro = (macro: Macro | null) => {
    chosenMacro = macro;
    const actions = macro ? describeActions(macro) : '';
    chosen.replaceChildren(...(macro ? [
      `Sending macro “${macro.name}”${actions ? `, which also ${actions}` : ''}. `,
      button('Send as a plain reply', () => chooseMacro(null), { class: 'button small secondary' })] : []));
  };
  const showMacros = () => {
    const found = matchMacros(macros, macroSearch.value).slice(0, 8);
    macroList.replaceChildren(...(found.length === 0 ? [h('li', { class: 'muted' }, 'No matching macros.')]
      : found.map((macro) => h('li', { 'data-macro': macro.name },
        h('strong', {}, macro.name), macro.shared ? h('span', { class: 'badge' }, 'shared') : null,
        h('p', { class: 'muted small' }, macro.body),
        button('Insert', () => {
          reply.value = fillKnown(macro.body, known);
          chooseMacro(macro);
          reply.focus();
        }, { class: 'button small secondary', 'aria-label': `Insert macro ${macro.name}` })))));
  };
  macroSearch.addEventListener('input', showMacros);
  const loadMacros = async () => {
    try {
      macros = (await fetchMacros(credentials, undefined, signal)).items;
      showMacros();
    } catch (failure) {
      if (!signal.aborted) macroList.replaceChildren(h('li', { class: 'error' }, `Could not load macros: ${(failure as Error).message}`));
    }
  };
  void loadMacros();
  let searchTimer: number | undefined;
  const suggest = (text: string) => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(async () => {
      const q = text.trim().split(/\s+/).slice(0, 12).join(' ');
      if (q.length < 3) return;
      try {
        const found = await searchKnowledge(credentials, q, signal);
        suggestions.replaceChildren(...found.items.slice(0, 4).map((article) => h('li', {},
          h('strong', {}, article.title),
          article.snippet ? h('p', { class: 'muted small' }, article.snippet) : null,
          button('Insert link', () => {
            reply.value = `${reply.value}${reply.value && !reply.value.endsWith('\n') ? '\n' : ''}${article.title}: ${article.url ?? `/kb/${article.slug}`}`;
            reply.focus();
          }, { class: 'button small secondary', 'aria-label': `Insert link to ${article.title}` }))));
        if (found.items.length === 0) suggestions.replaceChildren(h('li', { class: 'muted' }, 'No matching articles.'));
      } catch {
        // Suggestions are a help, never a blocker: the reply can be sent without them.
      }
    }, 400);
  };
  reply.addEventListener('input', () => suggest(reply.value));

  // --- Internal note ---
  const note = h('textarea', { rows: '2', placeholder: 'Only your team sees notes' });
  const saveNote = button('Add note', () => void busy(saveNote, status, async () => {
    if (!note.value.trim()) return;
    await addNote(credentials, id, note.value);
    note.value = '';
    status.say('Note added.');
    await refresh();
  }), { class: 'button small secondary' });

  // --- Correction of the AI's reading ---
  const intent = select(['', ...INTENTS]);
  const severity = select(['', ...SEVERITIES]);
  const queue = select(['', ...QUEUES]);
  intent.options[0]!.text = 'unchanged';
  severity.options[0]!.text = 'unchanged';
  queue.options[0]!.text = 'unchanged';
  const applyCorrection = button('Correct', () => void busy(applyCorrection, status, async () => {
    const correction = { intent: intent.value || undefined, severity: severity.value || undefined, queue: queue.value || undefined };
    if (!correction.intent && !correction.severity && !correction.queue) {
      status.say('Choose what to correct first.');
      return;
    }
    await correct(credentials, id, correction);
    for (const control of [intent, severity, queue]) control.value = '';
    status.say('Correction saved; the AI learns from it.');
    await refresh();
  }), { class: 'button small secondary' });

  const renderSummary = (c: ConversationView) => {
    summary.replaceChildren(
      h('dl', { class: 'facts' },
        fact('Customer', h('a', { href: hrefFor('customers', c.customerId), 'data-testid': 'customer-link' }, 'Customer profile')),
        fact('State', stateBadge(c.state)),
        fact('Channels', c.channelsUsed.map(channelBadge)),
        fact('Queue', c.queue ?? '—'),
        fact('Intent', c.intent ?? '—'),
        fact('Severity', c.severity ? h('span', { class: `badge severity-${c.severity}` }, c.severity) : '—'),
        fact('Owner', c.assignedAgentId ?? 'unassigned'),
        fact('First response', firstResponseGiven(c) ? h('span', { class: 'sla sla-ok' }, 'answered')
          : c.state === 'resolved' ? '—' : countdown('First response', c.sla?.firstResponseDueAt, c.createdAt)),
        fact('Resolution', c.state === 'resolved' ? '—' : countdown('Resolution', c.sla?.resolutionDueAt, c.createdAt)),
        c.resolutionId ? fact('Resolution issue', h('a', { href: hrefFor('resolutions') }, c.resolutionId.slice(0, 8))) : null,
        c.sla?.breached ? fact('SLA', h('span', { class: 'badge sla-breached' }, 'breached')) : null,
      ));
    const channels = [...new Set([c.currentChannel, ...c.channelsUsed])];
    if (channel.options.length !== channels.length) {
      channel.replaceChildren(...channels.map((name) => h('option', { value: name }, name === c.currentChannel ? `${name} (current)` : name)));
    }
    actions.replaceChildren(...c.allowedTransitions.map((to) => {
      const move = button(label(to), () => void busy(move, status, async () => {
        await transition(credentials, id, to, `set by agent in the workspace`);
        status.say(`Conversation is now ${to.replaceAll('_', ' ')}.`);
        await refresh();
      }), { class: to === 'resolved' ? 'button small' : 'button small secondary', 'data-transition': to });
      return move;
    }));
    brief.replaceChildren(c.handoffBrief ? readableBrief(c.handoffBrief) : h('p', { class: 'muted' }, 'No handoff brief: the AI did not hand this conversation over.'));
  };

  const refresh = async () => {
    try {
      const c = await fetchConversation(credentials, id, signal);
      known = knownPlaceholders(c);
      renderSummary(c);
      const key = `${c.timeline.length}:${c.timeline[c.timeline.length - 1]?.id ?? ''}:${c.updatedAt}`;
      if (key !== timelineKey) {
        const first = timelineKey === '';
        timelineKey = key;
        timeline.replaceChildren(...c.timeline.map(entry));
        // What is on screen is read; a failure to record it must not disturb the page.
        markRead(credentials, id).catch(() => undefined);
        if (first) {
          if (routeQuery(location.hash).has('reply')) reply.focus();
          const lastInbound = [...c.timeline].reverse().find((e) => e.type === 'message' && e.direction === 'inbound');
          if (lastInbound?.content) suggest(lastInbound.content);
        }
      }
      if (whyOpen) await loadDecisions(true);
    } catch (failure) {
      if (!signal.aborted) status.fail(failure);
    }
  };

  // Once opened, the explanations follow the conversation: the AI decides asynchronously.
  let whyOpen = false;
  let shownDecisions = -1;
  const loadDecisions = async (quiet = false) => {
    whyOpen = true;
    if (!quiet) decisions.replaceChildren(h('p', { class: 'muted' }, 'Loading decisions…'));
    try {
      const list = await fetchDecisions(credentials, id, signal);
      if (quiet && list.length === shownDecisions) return;
      shownDecisions = list.length;
      decisions.replaceChildren(list.length === 0
        ? h('p', { class: 'muted' }, 'No automated decision was taken on this conversation.')
        : h('ol', { class: 'decision-list' }, list.map(decision)));
    } catch (failure) {
      if (!signal.aborted) decisions.replaceChildren(h('p', { class: 'error' }, String((failure as Error).message)));
    }
  };
  const why = button('Why?', () => void loadDecisions(), { class: 'button small secondary', 'aria-controls': 'why-panel' });

  // --- Presence: who else has this conversation open, who is typing ---
  const others = h('p', { class: 'presence', role: 'status', 'aria-live': 'polite', 'data-testid': 'presence' });
  const showPresence = (people: Viewer[]) => { others.textContent = presenceText(people, me); };
  let lastTypingSaid = 0;
  const say = (typing: boolean) => sayPresence(credentials, id, typing).then((answer) => showPresence(answer.people), () => undefined);
  reply.addEventListener('input', () => {
    if (Date.now() - lastTypingSaid < PRESENCE_TYPING_THROTTLE_MS) return;
    lastTypingSaid = Date.now();
    void say(true);
  });
  void say(false);
  const heartbeat = window.setInterval(() => void say(false), PRESENCE_HEARTBEAT_MS);
  onLive((live) => {
    if (live.kind === 'change' && live.change.type === 'presence' && live.change.conversationId === id) showPresence(live.change.people ?? []);
  }, signal);
  signal.addEventListener('abort', () => {
    window.clearInterval(heartbeat);
    leavePresence(credentials, id).catch(() => undefined);
  });

  const timer = window.setInterval(() => tickCountdowns(summary), 1000);
  signal.addEventListener('abort', () => window.clearInterval(timer));
  refreshOnLive(refresh, (change) => change.conversationId === id && change.type !== 'presence', signal);

  return h('section', { class: 'page conversation' },
    h('div', { class: 'page-head' }, h('a', { href: hrefFor('inbox') }, '← Inbox'), heading, why),
    status,
    others,
    summary,
    h('div', { class: 'conversation-grid' },
      h('div', { class: 'conversation-main' },
        h('section', { 'aria-labelledby': 'timeline-heading', class: 'panel' }, h('h2', { id: 'timeline-heading' }, 'Timeline'), timeline),
        h('section', { 'aria-labelledby': 'reply-heading', class: 'panel composer' },
          h('h2', { id: 'reply-heading' }, 'Reply'),
          field('Message to the customer', reply),
          chosen,
          h('div', { class: 'row' }, field('Send on', channel), send),
          h('h3', {}, 'Macros'), field('Find a macro', macroSearch), macroList,
          h('h3', {}, 'Suggested articles'), suggestions),
        h('section', { 'aria-labelledby': 'note-heading', class: 'panel' },
          h('h2', { id: 'note-heading' }, 'Internal note'), field('Note', note), saveNote)),
      h('aside', { class: 'conversation-side' },
        h('section', { 'aria-labelledby': 'actions-heading', class: 'panel' }, h('h2', { id: 'actions-heading' }, 'Actions'), actions),
        h('section', { 'aria-labelledby': 'brief-heading', class: 'panel' }, h('h2', { id: 'brief-heading' }, 'Handoff brief'), brief),
        h('section', { 'aria-labelledby': 'correct-heading', class: 'panel' },
          h('h2', { id: 'correct-heading' }, 'Correct the AI'),
          field('Intent', intent), field('Severity', severity), field('Queue', queue), applyCorrection),
        h('section', { id: 'why-panel', 'aria-labelledby': 'why-heading', class: 'panel' },
          h('h2', { id: 'why-heading' }, 'Why? Automated decisions'),
          decisions))));

  /** An image inline (fetched with the reader's credentials, shown as a data URL the page's CSP allows); any other file as a download. */
  function attachment(file: AttachmentView): HTMLLIElement {
    const download = button(`${file.fileName} (${fileSize(file.sizeBytes)})`, () => void busy(download, status, async () => {
      const link = h('a', { href: await dataUrl(await fetchAttachment(credentials, id, file.id)), download: file.fileName });
      link.click();
    }), { class: 'button small secondary', 'aria-label': `Download ${file.fileName}` });
    const item = h('li', {}, download);
    if (isPreviewableImage(file.contentType)) {
      fetchAttachment(credentials, id, file.id).then(dataUrl).then(
        (url) => item.prepend(h('img', { src: url, alt: file.fileName, class: 'attachment-image', loading: 'lazy' })),
        () => undefined);
    }
    return item;
  }

  function entry(e: TimelineEntry): HTMLLIElement {
    if (e.type === 'message') {
      const ai = (e.author ?? '').startsWith('ai:');
      return h('li', { class: `entry message ${e.direction}${ai ? ' ai' : ''}` },
        h('div', { class: 'entry-head' },
          e.channel ? channelBadge(e.channel) : null,
          h('strong', {}, e.direction === 'inbound' ? 'Customer' : ai ? `AI (${e.author})` : e.author ?? 'Agent'),
          formatInstant(e.at),
          e.deliveryStatus ? h('span', { class: 'muted small' }, e.deliveryStatus) : null),
        h('p', { class: 'entry-body' }, e.content ?? ''),
        e.attachments && e.attachments.length > 0 ? h('ul', { class: 'attachments', 'aria-label': 'Attachments' }, e.attachments.map(attachment)) : null,
        e.annotations && Object.keys(e.annotations).length > 0 ? annotations(e.annotations) : null);
    }
    if (e.type === 'note') {
      return h('li', { class: 'entry note' },
        h('div', { class: 'entry-head' }, h('span', { class: 'badge' }, 'internal note'), h('strong', {}, e.author ?? ''), formatInstant(e.at)),
        h('p', { class: 'entry-body' }, e.content ?? ''));
    }
    return h('li', { class: 'entry state-change' },
      h('span', {}, `${e.from ? `${e.from.replaceAll('_', ' ')} → ` : ''}${(e.to ?? '').replaceAll('_', ' ')}`),
      e.reason ? h('span', { class: 'muted' }, ` — ${e.reason}`) : null,
      h('span', { class: 'muted small' }, ` by ${e.author ?? 'system'} · `), formatInstant(e.at));
  }

}

/** The first-response target counts a person's answer, not the AI's. */
function firstResponseGiven(c: ConversationView): boolean {
  return c.timeline.some((e) => e.type === 'message' && e.direction === 'outbound' && !(e.author ?? '').startsWith('ai:'));
}

function label(state: string): string {
  const names: Record<string, string> = {
    resolved: 'Resolve', escalated: 'Escalate', awaiting_customer: 'Wait for customer', awaiting_agent: 'Back to agent',
    reopened: 'Reopen',
  };
  return names[state] ?? state.replaceAll('_', ' ');
}

function fact(name: string, value: Node | string | (Node | string)[]): HTMLElement {
  return h('div', {}, h('dt', {}, name), h('dd', {}, value));
}

function annotations(values: Record<string, unknown>): HTMLElement {
  const shown = Object.entries(values).filter(([, v]) => v !== null && v !== '' && typeof v !== 'object');
  return h('p', { class: 'annotations', 'aria-label': 'AI annotations' },
    h('span', { class: 'badge ai-badge' }, 'AI'),
    shown.map(([k, v]) => h('span', { class: 'annotation' }, `${k}: ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)}`)));
}


function decision(d: DecisionExplanation): HTMLLIElement {
  return h('li', { class: 'decision' },
    h('div', { class: 'entry-head' },
      h('strong', {}, `${d.policy} v${d.version}`), formatInstant(d.evaluatedAt),
      h('span', { class: 'muted small' }, `${d.durationMicros} µs`)),
    d.explanation ? h('p', {}, d.explanation) : null,
    d.fired.length > 0 ? h('p', {}, h('span', { class: 'muted' }, 'Rules / rows: '),
      d.fired.map((f) => String(f.name ?? f.rule ?? f.id ?? JSON.stringify(f))).join(', ')) : null,
    h('details', {}, h('summary', {}, 'Inputs and outputs'),
      h('pre', { class: 'mono' }, `inputs  ${JSON.stringify(d.inputs, null, 2)}\noutputs ${JSON.stringify(d.outputs, null, 2)}`)));
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** The brief as a note: intent, confidence in words, severity, summary, the signals that fired as chips, the rest labelled. */
function readableBrief(brief: Record<string, unknown>): HTMLElement {
  const view = briefView(brief);
  return h('div', { class: 'brief-readable' },
    h('p', {},
      view.intent ? h('strong', {}, view.intent) : null,
      view.confidence ? h('span', { class: 'muted' }, ` · ${view.confidence}`) : null,
      view.severity ? h('span', {}, ' ', h('span', { class: `badge severity-${view.severity}` }, view.severity)) : null,
      view.sentiment ? h('span', { class: 'muted' }, ` · ${view.sentiment} sentiment`) : null),
    view.summary ? h('p', {}, view.summary) : null,
    view.signals.length > 0 ? h('ul', { class: 'chips', 'aria-label': 'Signals' }, view.signals.map((s) => h('li', { class: 'chip' }, s))) : null,
    view.entities.length > 0 ? h('ul', { class: 'chips', 'aria-label': 'Details found' }, view.entities.map((s) => h('li', { class: 'chip entity' }, s))) : null,
    view.facts.length > 0 ? h('dl', { class: 'brief-list' }, view.facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))) : null);
}
