import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
// The real policy the supervisor edits, from the repository's decision tables.
import xml from '../../../decision-tables/sla-policy.dmn?raw';
import { describeCondition, describeDuration, parseDuration, parseSlaTable, writeSlaTable } from './sla-table';

const parser = new DOMParser() as unknown as globalThis.DOMParser;
const serializer = new XMLSerializer() as unknown as globalThis.XMLSerializer;

describe('the SLA table', () => {
  it('reads every rule of sla-policy.dmn with its conditions and targets', () => {
    const table = parseSlaTable(xml, parser);
    expect(table.inputs).toEqual(['severity', 'tier', 'channel']);
    expect(table.outputs.map((o) => o.name)).toEqual([
      'firstResponseDue', 'nextResponseDue', 'resolutionDue', 'proactiveUpdateInterval', 'warningThreshold', 'calendar',
    ]);
    expect(table.rules).toHaveLength(24);
    expect(table.rules[0]).toMatchObject({
      id: 'p0_enterprise_premium_real_time',
      conditions: ['"P0"', '"enterprise","premium"', '"web_chat","voice","whatsapp"'],
      outputs: ['duration("PT5M")', 'duration("PT15M")', 'duration("PT4H")', 'duration("PT30M")', '0.5', '"24x7"'],
    });
  });

  it('writes a changed target back and leaves everything else as it was', () => {
    const table = parseSlaTable(xml, parser);
    table.rules[0]!.outputs[0] = 'duration("PT7M")';
    const written = writeSlaTable(xml, table, parser, serializer);
    expect(parseSlaTable(written, parser).rules[0]!.outputs[0]).toBe('duration("PT7M")');
    expect(parseSlaTable(written, parser).rules.slice(1)).toEqual(table.rules.slice(1));
    expect(written).toContain('sla-policy: how fast must we answer');
    expect(written.replace('duration("PT7M")', 'duration("PT5M")').replace(/\s+/g, ''))
      .toBe(xml.replace(/\s+/g, ''));
  });
});

describe('friendly cells', () => {
  it('describes conditions and durations', () => {
    expect(describeCondition('"P0"')).toBe('P0');
    expect(describeCondition('not("web_chat","voice")')).toBe('not web_chat, voice');
    expect(describeCondition('-')).toBe('any');
    expect(describeDuration('duration("PT1H30M")')).toBe('1h 30m');
    expect(describeDuration('duration("P2D")')).toBe('2d');
  });

  it('reads durations the way people write them', () => {
    expect(parseDuration('1h 30m')).toBe('duration("PT1H30M")');
    expect(parseDuration('90 min')).toBe('duration("PT1H30M")');
    expect(parseDuration('2d')).toBe('duration("P2D")');
    expect(parseDuration('pt4h')).toBe('duration("PT4H")');
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('5 parsecs')).toBeNull();
  });
});
