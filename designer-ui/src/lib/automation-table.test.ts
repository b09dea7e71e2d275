import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
// The real table supervisors edit, from the repository's decision tables.
import xml from '../../../decision-tables/automations.dmn?raw';
import {
  LOW_CSAT, compare, describeRow, hasTag, oneOf, parseAutomations, rowId, writeAutomations, type AutomationRow,
} from './automation-table';

const parser = new DOMParser() as unknown as globalThis.DOMParser;
const serializer = new XMLSerializer() as unknown as globalThis.XMLSerializer;

const tagChats: AutomationRow = {
  id: 'tag_chats',
  description: 'Tag chats',
  enabled: true,
  when: 'message-received',
  conditions: { channel: oneOf(['web_chat', 'whatsapp']), tags: hasTag('vip'), hoursInState: compare('>=', '2')! },
  automation: 'Tag chats',
  action: 'add-tag',
  argument: 'chat',
};

describe('the automations table', () => {
  it('reads the shipped example rows, switched off', () => {
    const rows = parseAutomations(xml, parser);
    expect(rows.map((row) => row.id)).toEqual(['pending_reminder_48h', 'pending_resolve_96h', 'pending_resolve_96h_note',
      'low_csat_notify', 'low_csat_tag']);
    expect(rows[0]).toEqual({
      id: 'pending_reminder_48h',
      description: 'Pending on the customer for 48 hours: remind them once',
      enabled: false,
      when: 'time-elapsed',
      conditions: { state: '"awaiting_customer"', hoursInState: '>= 48' },
      automation: 'pending reminder',
      action: 'send-template-reply',
      argument: 'automation-pending-reminder',
    });
  });

  it('reads the low-CSAT example rows: a rating of 2 or lower notifies a supervisor and tags the conversation', () => {
    const rows = parseAutomations(xml, parser).filter((row) => row.id.startsWith('low_csat'));
    expect(rows.map((row) => [row.when, row.conditions, row.action, row.argument, row.enabled])).toEqual([
      ['csat-received', { csatScore: LOW_CSAT }, 'notify-supervisor', 'The customer rated this conversation 2 or lower', false],
      ['csat-received', { csatScore: LOW_CSAT }, 'add-tag', 'unhappy', false],
    ]);
    expect(describeRow(rows[1]!)).toBe('when csat received if CSAT score ≤ 2 then add tag unhappy');
  });

  it('writes rows as rules with FEEL in every cell and reads them back unchanged', () => {
    const rows = [...parseAutomations(xml, parser), tagChats];
    rows[0] = { ...rows[0]!, enabled: true };
    const written = writeAutomations(xml, rows, parser, serializer);
    expect(parseAutomations(written, parser)).toEqual(rows);
    expect(written).toContain('<text>list contains(?, "vip")</text>');
    expect(written).toContain('<text>"web_chat","whatsapp"</text>');
    expect(written).toContain('<text>&gt;= 2</text>');
    expect(written.startsWith('<?xml')).toBe(true);
    expect(written).toContain('automations: what supervisors want done');
  });

  it('switches a row off without deleting it, and deletes one only when asked', () => {
    const rows = parseAutomations(writeAutomations(xml, [tagChats], parser, serializer), parser);
    const off = writeAutomations(xml, [{ ...rows[0]!, enabled: false }], parser, serializer);
    expect(parseAutomations(off, parser)).toEqual([{ ...tagChats, enabled: false }]);
    expect(off).toContain('<inputEntry id="tag_chats_i0"><text>false</text></inputEntry>');
    expect(parseAutomations(writeAutomations(xml, [], parser, serializer), parser)).toEqual([]);
  });

  it('refuses a condition on a column the table does not have rather than drop it', () => {
    const older = xml.replace(/<input id="in_csatScore"[\s\S]*?<\/input>/, '');
    expect(older).not.toContain('in_csatScore');
    const lowScore = { ...tagChats, conditions: { csatScore: LOW_CSAT } };
    expect(() => writeAutomations(older, [lowScore], parser, serializer)).toThrow(/no csatScore column/);
    expect(parseAutomations(writeAutomations(xml, [lowScore], parser, serializer), parser)[0]!.conditions)
      .toEqual({ csatScore: LOW_CSAT });
  });

  it('keeps FEEL a power user wrote as it is', () => {
    const custom = { ...tagChats, conditions: { sentiment: '[-1..-0.5]' } };
    expect(parseAutomations(writeAutomations(xml, [custom], parser, serializer), parser)[0]!.conditions)
      .toEqual({ sentiment: '[-1..-0.5]' });
  });

  it('says a row as when … if … then …', () => {
    expect(describeRow(tagChats)).toBe(
      'when message received if channel is web_chat or whatsapp and tags include vip and hours in this state ≥ 2 then add tag chat');
    expect(describeRow({ ...tagChats, when: '', conditions: {} })).toBe('when anything happens then add tag chat');
  });

  it('turns pickers into FEEL', () => {
    expect(oneOf([])).toBe('-');
    expect(oneOf(['sms', ' '])).toBe('"sms"');
    expect(hasTag(' ')).toBe('-');
    expect(compare('<', '-0.5')).toBe('< -0.5');
    expect(compare('=', '3')).toBe('3');
    expect(compare('>=', 'soon')).toBeNull();
  });

  it('names rows so DMN accepts their ids, never twice', () => {
    expect(rowId('Tag VIP chats!', new Set())).toBe('tag_vip_chats');
    expect(rowId('Tag VIP chats', new Set(['tag_vip_chats']))).toBe('tag_vip_chats_2');
    expect(rowId('48h reminder', new Set())).toBe('r_48h_reminder');
  });
});
