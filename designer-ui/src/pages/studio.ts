// The decision studio: policies with their live versions; a DMN decision-table editor
// (dmn-js) or a DRL editor (CodeMirror 6); validate (save a draft), simulate against stored
// decisions with progress, publish (or ask a second person to approve, where the policy requires
// one), history with diffs, rollback and export to git.

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import DmnModeler from 'dmn-js/lib/Modeler';
import {
  ApiError,
  approvePublish,
  createVersion,
  errorMessage,
  exportToGit,
  fetchPolicies,
  fetchPublishRequests,
  fetchSimulation,
  fetchVersion,
  fetchVersions,
  publish,
  rejectPublish,
  rollback,
  simulate,
  type Credentials,
  type Me,
  type PolicySummary,
  type PolicyVersion,
  type Simulation,
} from '../api';
import { h } from '../dom';
import { approvalView, isPublishRequest } from '../lib/approvals';
import { changedHunks, diffLines } from '../lib/diff';
import { drl } from '../lib/drl-language';
import { fromEditorDmn, toEditorDmn } from '../lib/dmn-namespaces';
import { hrefFor } from '../nav';
import { busy, button, field, formatInstant, statusLine } from '../ui';

interface SourceEditor {
  read(): Promise<string>;
  destroy(): void;
}

export function renderStudio(credentials: Credentials, me: Me, selected: string | undefined, signal: AbortSignal): HTMLElement {
  const list = h('ul', { class: 'policy-list', 'aria-label': 'Policies' });
  const detail = h('div', { class: 'policy-detail' });
  const page = h('section', { class: 'page studio' },
    h('h1', { tabindex: '-1' }, 'Decision studio'),
    h('p', { class: 'muted' }, 'Routing, severity, escalation and SLA policies. Edit, validate, simulate on past decisions, then publish — live on every node without a restart.'),
    h('div', { class: 'studio-grid' }, h('nav', { 'aria-label': 'Policies', class: 'panel' }, h('h2', {}, 'Policies'), list), detail));

  void (async () => {
    try {
      const policies = await fetchPolicies(credentials, signal);
      list.replaceChildren(...policies.map((policy) => h('li', {},
        h('a', { href: hrefFor('policies', policy.name), 'aria-current': policy.name === selected ? 'page' : undefined },
          h('span', { class: 'policy-name' }, policy.name),
          h('span', { class: 'badge' }, policy.kind.toUpperCase()),
          h('span', { class: 'muted small' }, policy.liveVersion ? ` live v${policy.liveVersion}` : ' not live')))));
      const policy = policies.find((p) => p.name === selected);
      if (policy) detail.replaceChildren(renderPolicy(credentials, me, policy, signal));
      else detail.replaceChildren(h('p', { class: 'muted panel' }, 'Choose a policy to edit it.'));
    } catch (failure) {
      if (!signal.aborted) detail.replaceChildren(h('p', { class: 'error-panel', role: 'alert' }, errorMessage(failure)));
    }
  })();
  return page;
}

function renderPolicy(credentials: Credentials, me: Me, policy: PolicySummary, signal: AbortSignal): HTMLElement {
  const status = statusLine();
  const editorHost = h('div', { class: `editor-host ${policy.kind}`, 'data-testid': 'policy-editor' });
  const errors = h('ul', { class: 'validation-errors', role: 'alert', 'aria-label': 'Validation errors' });
  const comment = h('input', { type: 'text', placeholder: 'What changed and why', maxlength: '500' });
  const draftInfo = h('p', { class: 'muted', 'data-testid': 'draft-info' }, 'No draft yet: edit, then validate.');
  const progress = h('progress', { max: '100', value: '0', hidden: true, 'aria-label': 'Simulation progress' });
  const simulationResult = h('div', { class: 'simulation', 'aria-live': 'polite' });
  const historyPanel = h('div', { class: 'history' });
  const diffPanel = h('div', { class: 'diff', 'aria-live': 'polite' });
  const approvalsPanel = h('div', { class: 'approvals', 'aria-live': 'polite', 'data-testid': 'publish-requests' });
  let editor: SourceEditor | undefined;
  let draft: PolicyVersion | undefined;

  const load = async (version?: number) => {
    editor?.destroy();
    const versions = await fetchVersions(credentials, policy.name, signal);
    const chosen = version ?? policy.liveVersion ?? versions[versions.length - 1]?.version;
    if (chosen === undefined) {
      editorHost.replaceChildren(h('p', {}, 'This policy has no version yet.'));
      return;
    }
    const source = (await fetchVersion(credentials, policy.name, chosen, signal)).source ?? '';
    editor = policy.kind === 'dmn' ? await dmnEditor(editorHost, source, policy.name) : drlEditor(editorHost, source);
    renderHistory(versions);
    await refreshApprovals();
  };

  async function refreshApprovals() {
    const pending = (await fetchPublishRequests(credentials, policy.name, signal)).filter((r) => r.status === 'pending');
    approvalsPanel.replaceChildren(...pending.map((request) => {
      const view = approvalView(request, me);
      const reason = h('input', { type: 'text', placeholder: 'Why not', maxlength: '500', 'aria-label': `Reason to reject v${request.version}` });
      const approve = button('Approve', () => void busy(approve, status, async () => {
        const live = await approvePublish(credentials, policy.name, request.id);
        policy.liveVersion = live.version;
        status.say(`Approved: v${live.version} of ${policy.name} is live.`);
        renderHistory(await fetchVersions(credentials, policy.name, signal));
        await refreshApprovals();
      }), { class: 'button small', 'data-testid': 'approve' });
      const reject = button('Reject', () => void busy(reject, status, async () => {
        if (!reason.value.trim()) {
          status.say('Say why before rejecting.');
          reason.focus();
          return;
        }
        await rejectPublish(credentials, policy.name, request.id, reason.value.trim());
        status.say(`v${request.version} was not published.`);
        await refreshApprovals();
      }), { class: 'button small secondary', 'data-testid': 'reject' });
      return h('p', { class: 'approval', role: 'note' }, view.text, ' ',
        view.canApprove ? approve : null, view.canReject ? reason : null, view.canReject ? reject : null);
    }));
  }

  const validate = button('Validate and save draft', () => void busy(validate, status, async () => {
    if (!editor) return;
    errors.replaceChildren();
    try {
      draft = await createVersion(credentials, policy.name, await editor.read(), comment.value.trim() || undefined);
      draftInfo.textContent = `Draft v${draft.version} is valid and saved. Simulate it, then publish.`;
      status.say(`Draft v${draft.version} saved.`);
      simulateButton.disabled = false;
      publishButton.disabled = false;
      renderHistory(await fetchVersions(credentials, policy.name, signal));
    } catch (failure) {
      if (failure instanceof ApiError && failure.problem.errors?.length) {
        errors.replaceChildren(...failure.problem.errors.map((e) => h('li', {},
          e.line ? `Line ${e.line}${e.column ? `, column ${e.column}` : ''}: ` : e.field ? `${e.field}: ` : '', e.message ?? '')));
        status.say('The policy has errors; nothing was saved.');
      } else {
        throw failure;
      }
    }
  }), { class: 'button', 'data-testid': 'validate' });

  const simulateButton = button('Simulate', () => void busy(simulateButton, status, async () => {
    if (!draft) return;
    simulationResult.replaceChildren();
    progress.hidden = false;
    progress.value = 0;
    let run = await simulate(credentials, policy.name, draft.version);
    while (run.status === 'running' && !signal.aborted) {
      progress.max = Math.max(run.total, 1);
      progress.value = run.processed;
      await new Promise((resolve) => setTimeout(resolve, 300));
      run = await fetchSimulation(credentials, policy.name, run.id, signal);
    }
    progress.max = Math.max(run.total, 1);
    progress.value = progress.max;
    simulationResult.replaceChildren(simulationReport(run));
    status.say(`Simulation ${run.status}: ${run.changed} of ${run.total} decisions would change.`);
  }), { class: 'button secondary', disabled: true, 'data-testid': 'simulate' });

  const publishButton = button('Publish', () => void busy(publishButton, status, async () => {
    if (!draft) return;
    if (!comment.value.trim() && !draft.comment) {
      status.say('Add a comment saying what changed before publishing.');
      comment.focus();
      return;
    }
    const published = await publish(credentials, policy.name, draft.version);
    if (isPublishRequest(published)) {
      status.say(`Version ${published.version} of ${policy.name} is awaiting approval by a second person.`);
      draftInfo.textContent = `v${published.version} is awaiting approval by a second person.`;
    } else {
      status.say(`Version ${published.version} of ${policy.name} is live.`);
      draftInfo.textContent = `v${published.version} is live.`;
      policy.liveVersion = published.version;
    }
    draft = undefined;
    simulateButton.disabled = true;
    publishButton.disabled = true;
    renderHistory(await fetchVersions(credentials, policy.name, signal));
    await refreshApprovals();
  }), { class: 'button', disabled: true, 'data-testid': 'publish' });

  const exportButton = button('Export live version to git', () => void busy(exportButton, status, async () => {
    if (!policy.liveVersion) return;
    const result = await exportToGit(credentials, policy.name, policy.liveVersion);
    status.say(`Exported v${policy.liveVersion} to git${result.commit ? ` (commit ${String(result.commit).slice(0, 10)})` : ''}.`);
  }), { class: 'button small secondary' });

  function renderHistory(versions: PolicyVersion[]) {
    const sorted = [...versions].sort((a, b) => b.version - a.version);
    historyPanel.replaceChildren(h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, `Versions of ${policy.name}, newest first`),
      h('thead', {}, h('tr', {}, ['Version', 'Status', 'Author', 'Comment', 'Created', 'Published', 'Published by', ''].map((l) => h('th', { scope: 'col' }, l)))),
      h('tbody', {}, sorted.map((version) => {
        const showDiff = button('Diff', () => void busy(showDiff, status, async () => {
          const before = version.version > 1 ? (await fetchVersion(credentials, policy.name, version.version - 1, signal)).source ?? '' : '';
          const after = (await fetchVersion(credentials, policy.name, version.version, signal)).source ?? '';
          diffPanel.replaceChildren(renderDiff(`v${version.version - 1} → v${version.version}`, before, after));
        }), { class: 'button small secondary', 'aria-label': `Diff of version ${version.version} with the one before` });
        const restore = button('Roll back to this', () => void busy(restore, status, async () => {
          const live = await rollback(credentials, policy.name, version.version);
          if (isPublishRequest(live)) {
            status.say(`Rolling back to v${live.version} is awaiting approval by a second person.`);
            await refreshApprovals();
            return;
          }
          policy.liveVersion = live.version;
          status.say(`${policy.name} rolled back: v${live.version} is live.`);
          renderHistory(await fetchVersions(credentials, policy.name, signal));
        }), { class: 'button small secondary', 'aria-label': `Roll back to this: version ${version.version}` });
        const open = button('Open', () => void busy(open, status, async () => {
          await load(version.version);
          status.say(`Editing from v${version.version}.`);
        }), { class: 'button small secondary', 'aria-label': `Open version ${version.version} in the editor` });
        const live = version.version === policy.liveVersion;
        return h('tr', {},
          h('td', {}, `v${version.version}`),
          h('td', {}, h('span', { class: `badge version-${live ? 'live' : version.status}` }, live ? 'live' : version.status)),
          h('td', {}, version.author),
          h('td', {}, version.comment ?? ''),
          h('td', {}, formatInstant(version.createdAt)),
          h('td', {}, formatInstant(version.publishedAt)),
          h('td', {}, [version.publishedBy, version.approvedBy ? `approved by ${version.approvedBy}` : null].filter(Boolean).join(', ')),
          h('td', { class: 'actions' }, showDiff, open, live ? null : restore));
      }))));
  }

  void load().catch((failure) => {
    if (!signal.aborted) status.fail(failure);
  });
  signal.addEventListener('abort', () => editor?.destroy());

  return h('article', { class: 'panel policy' },
    h('div', { class: 'page-head' }, h('h2', {}, `${policy.name} `, h('span', { class: 'badge' }, policy.kind.toUpperCase())),
      policy.liveVersion ? h('span', { class: 'muted' }, `live v${policy.liveVersion}`) : null,
      policy.requiresSecondApprover ? h('span', { class: 'badge' }, 'four-eyes') : null, exportButton),
    status,
    approvalsPanel,
    editorHost,
    errors,
    h('div', { class: 'workflow' }, field('Comment', comment, 'Saved with the version and shown in its history.'),
      h('div', { class: 'row' }, validate, simulateButton, publishButton)),
    draftInfo, progress, simulationResult,
    h('h3', {}, 'History'), historyPanel, diffPanel);

}

async function dmnEditor(host: HTMLElement, source: string, policyName: string): Promise<SourceEditor> {
  host.replaceChildren();
  const container = h('div', { class: 'dmn-canvas' });
  const views = h('div', { class: 'dmn-views', role: 'tablist', 'aria-label': 'Decisions in this model' });
  host.append(views, container);
  const modeler = new DmnModeler({ container });
  await modeler.importXML(toEditorDmn(source));
  const tables = modeler.getViews().filter((view) => view.type === 'decisionTable');
  const main = tables.find((view) => view.element.name === policyName) ?? tables[0];
  if (main) await modeler.open(main);
  const renderTabs = () => views.replaceChildren(...tables.map((view) => {
    const active = modeler.getActiveView()?.element === view.element;
    const tab = h('button', { type: 'button', role: 'tab', class: 'tab', 'aria-selected': active ? 'true' : 'false' }, view.element.name ?? view.element.id);
    tab.addEventListener('click', () => void modeler.open(view).then(renderTabs));
    return tab;
  }));
  if (tables.length > 1) renderTabs();
  return {
    async read() {
      const { xml } = await modeler.saveXML({ format: true });
      return fromEditorDmn(xml, source);
    },
    destroy: () => modeler.destroy(),
  };
}

function drlEditor(host: HTMLElement, source: string): SourceEditor {
  host.replaceChildren();
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: source,
      extensions: [lineNumbers(), history(), keymap.of([...defaultKeymap, ...historyKeymap]), drl,
        syntaxHighlighting(defaultHighlightStyle), EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'DRL source' })],
    }),
  });
  return { read: async () => view.state.doc.toString(), destroy: () => view.destroy() };
}

function simulationReport(run: Simulation): HTMLElement {
  const report = run.report ?? {};
  const examples = report.examples ?? [];
  return h('div', { class: 'simulation-report', 'data-testid': 'simulation-report' },
    h('h3', {}, 'Simulation'),
    h('dl', { class: 'facts' },
      ...[['Replayed', report.replayed ?? run.processed], ['Changed', report.changed ?? run.changed],
        ['Unchanged', report.unchanged ?? '—'], ['Could not evaluate', report.couldNotEvaluate ?? 0]]
        .map(([name, value]) => h('div', {}, h('dt', {}, String(name)), h('dd', { 'data-figure': String(name).toLowerCase() }, String(value))))),
    report.byOutput && Object.keys(report.byOutput).length > 0
      ? h('details', { open: true }, h('summary', {}, 'Changed outcomes by output'), h('pre', { class: 'mono' }, JSON.stringify(report.byOutput, null, 2)))
      : null,
    examples.length > 0
      ? h('table', { class: 'table' }, h('caption', {}, 'Examples of changed decisions'),
        h('thead', {}, h('tr', {}, ['Inputs', 'Before', 'After'].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody', {}, examples.slice(0, 10).map((example) => h('tr', {},
          h('td', { class: 'mono' }, JSON.stringify(example.inputs)),
          h('td', { class: 'mono' }, JSON.stringify(example.before)),
          h('td', { class: 'mono' }, JSON.stringify(example.after))))))
      : h('p', { class: 'muted' }, 'No stored decision would change.'));
}

function renderDiff(title: string, before: string, after: string): HTMLElement {
  const hunks = changedHunks(diffLines(before, after), 3);
  return h('figure', { class: 'diff-view' }, h('figcaption', {}, `Changes ${title}`),
    h('pre', { class: 'mono' }, hunks.length === 0 ? 'No changes.' : hunks.map((line) => line === 'gap'
      ? h('span', { class: 'diff-gap' }, '…\n')
      : h('span', { class: line.op === '+' ? 'diff-add' : line.op === '-' ? 'diff-del' : 'diff-same' }, `${line.op} ${line.text}\n`))));
}
