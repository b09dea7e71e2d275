// dmn-js reads and writes DMN 1.3; our models (and Apache KIE 10) use DMN 1.5, whose decision
// tables have the same shape. The editor gets the model with 1.3 namespaces and what it saves
// goes back to 1.5, with the documentation comment at the top of the file kept.

const VERSIONS = [
  ['https://www.omg.org/spec/DMN/20230324/MODEL/', 'https://www.omg.org/spec/DMN/20191111/MODEL/'],
  ['https://www.omg.org/spec/DMN/20230324/DMNDI/', 'https://www.omg.org/spec/DMN/20191111/DMNDI/'],
] as const;

export function toEditorDmn(xml: string): string {
  return VERSIONS.reduce((text, [ours, editor]) => text.replaceAll(ours, editor), xml);
}

/** Back to DMN 1.5 when the original was 1.5, with the original's leading comments restored. */
export function fromEditorDmn(edited: string, original: string): string {
  const wasDmn15 = original.includes(VERSIONS[0][0]);
  let xml = wasDmn15 ? VERSIONS.reduce((text, [ours, editor]) => text.replaceAll(editor, ours), edited) : edited;
  const comments = leadingComments(original);
  if (comments && !xml.includes(comments)) {
    const declaration = /^<\?xml[^>]*\?>\s*/.exec(xml)?.[0] ?? '';
    xml = `${declaration.trimEnd()}${declaration ? '\n' : ''}${comments}\n${xml.slice(declaration.length)}`;
  }
  return xml;
}

/** The comments between the XML declaration and the root element (the model's documentation). */
export function leadingComments(xml: string): string {
  const start = xml.replace(/^<\?xml[^>]*\?>/, '');
  const match = /^\s*((?:<!--[\s\S]*?-->\s*)+)</.exec(start);
  return match ? match[1]!.trim() : '';
}
