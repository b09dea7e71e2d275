// The handoff brief as a person reads it: labels instead of JSON, signals as chips, confidence as words.

export interface BriefView {
  intent: string | null;
  confidence: string | null;
  severity: string | null;
  summary: string | null;
  signals: string[];
  entities: string[];
  sentiment: string | null;
  facts: [string, string][];
}

/** "High confidence (92%)": high from 0.8, medium from 0.5, low below. */
export function confidenceLabel(value: unknown): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return null;
  const level = value >= 0.8 ? 'High' : value >= 0.5 ? 'Medium' : 'Low';
  return `${level} confidence (${Math.round(value * 100)}%)`;
}

/** Sentiment in [-1, 1]: negative below -0.25, positive above 0.25. */
export function sentimentLabel(value: unknown): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return null;
  return value < -0.25 ? 'Negative' : value > 0.25 ? 'Positive' : 'Neutral';
}

export function humanize(value: string): string {
  const words = value.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll(/[_-]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const SHOWN = new Set(['intent', 'confidence', 'severity', 'summary', 'signals', 'entities', 'sentiment']);

export function briefView(brief: Record<string, unknown>): BriefView {
  const signals = brief.signals && typeof brief.signals === 'object'
    ? Object.entries(brief.signals as Record<string, unknown>).filter(([, on]) => on === true).map(([name]) => humanize(name))
    : [];
  const entities = Array.isArray(brief.entities)
    ? brief.entities.map((entity) => {
      const e = entity as { type?: unknown; value?: unknown };
      return `${humanize(String(e.type ?? 'detail'))}: ${String(e.value ?? '')}`;
    })
    : [];
  const facts: [string, string][] = Object.entries(brief)
    .filter(([key, value]) => !SHOWN.has(key) && value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => [humanize(key), text(value)]);
  return {
    intent: typeof brief.intent === 'string' ? humanize(brief.intent) : null,
    confidence: confidenceLabel(brief.confidence),
    severity: typeof brief.severity === 'string' ? brief.severity : null,
    summary: typeof brief.summary === 'string' ? brief.summary : null,
    signals,
    entities,
    sentiment: sentimentLabel(brief.sentiment),
    facts,
  };
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? humanize(item) : text(item))).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${humanize(k)}: ${text(v)}`).join('; ');
  }
  return String(value);
}

/** Images are shown inline; everything else is a download. */
export function isPreviewableImage(contentType: string): boolean {
  return /^image\/(png|jpeg|gif|webp)$/i.test(contentType);
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
