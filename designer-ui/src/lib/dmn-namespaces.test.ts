import { describe, expect, it } from 'vitest';
import { fromEditorDmn, leadingComments, toEditorDmn } from './dmn-namespaces';

const original = `<?xml version="1.0" encoding="UTF-8"?>
<!--
  routing: which queue?
-->
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="routing" name="routing"/>`;

describe('DMN for the editor', () => {
  it('gives the editor DMN 1.3 and takes 1.5 back with the documentation comment', () => {
    const forEditor = toEditorDmn(original);
    expect(forEditor).toContain('https://www.omg.org/spec/DMN/20191111/MODEL/');
    const saved = '<?xml version="1.0" encoding="UTF-8"?>\n<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="routing" name="routing"/>';
    const back = fromEditorDmn(saved, original);
    expect(back).toContain('https://www.omg.org/spec/DMN/20230324/MODEL/');
    expect(leadingComments(back)).toBe('<!--\n  routing: which queue?\n-->');
    expect(back.startsWith('<?xml')).toBe(true);
  });
});
