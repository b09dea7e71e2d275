// Syntax highlighting for Drools DRL in CodeMirror 6: keywords, strings, comments,
// numbers, $bindings and rule attributes.

import { StreamLanguage, type StreamParser } from '@codemirror/language';

const KEYWORDS = new Set([
  'package', 'import', 'unit', 'rule', 'when', 'then', 'end', 'query', 'declare', 'function', 'global', 'not', 'exists',
  'forall', 'from', 'collect', 'accumulate', 'eval', 'and', 'or', 'in', 'matches', 'memberOf', 'contains', 'insert',
  'insertLogical', 'update', 'modify', 'delete', 'retract', 'new', 'true', 'false', 'null', 'extends', 'over', 'entry-point',
]);
const ATTRIBUTES = new Set([
  'salience', 'no-loop', 'agenda-group', 'activation-group', 'ruleflow-group', 'lock-on-active', 'dialect', 'enabled',
  'date-effective', 'date-expires', 'duration', 'timer', 'calendars', 'auto-focus',
]);

interface DrlState {
  inBlockComment: boolean;
}

const parser: StreamParser<DrlState> = {
  name: 'drl',
  startState: () => ({ inBlockComment: false }),
  token(stream, state) {
    if (state.inBlockComment) {
      if (stream.match(/^.*?\*\//)) state.inBlockComment = false;
      else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//') || stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.inBlockComment = true;
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) return 'string';
    if (stream.match(/^\d+(\.\d+)?[lLdDfF]?/)) return 'number';
    if (stream.match(/^\$[\w]+/)) return 'variableName.special';
    if (stream.match(/^@[\w]+/)) return 'meta';
    const word = stream.match(/^[A-Za-z_][\w-]*/) as RegExpMatchArray | null;
    if (word) {
      const text = word[0];
      if (KEYWORDS.has(text)) return 'keyword';
      if (ATTRIBUTES.has(text)) return 'attributeName';
      return /^[A-Z]/.test(text) ? 'typeName' : 'variableName';
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
};

export const drl = StreamLanguage.define(parser);
