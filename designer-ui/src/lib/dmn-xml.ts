// Reading and writing the one decision table of a DMN file as XML, shared by the friendly tables
// (SLA policy, automations): element children by local name, cell text, and serialising back with
// the XML declaration the file started with.

export function children(parent: Element, localName: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).localName === localName,
  );
}

/** The text of an entry's <text> child ('' when there is none). */
export function textOf(entry: Element | undefined): string {
  const text = entry ? children(entry, 'text')[0] : undefined;
  return text?.textContent ?? '';
}

export function decisionTable(document: Document): Element {
  const table = document.getElementsByTagNameNS('*', 'decisionTable')[0];
  if (!table) throw new Error('This DMN has no decision table.');
  return table;
}

/** The document as XML, keeping the declaration the original file started with. */
export function serializeLike(original: string, document: Document, serializer: XMLSerializer): string {
  const serialized = serializer.serializeToString(document);
  return original.startsWith('<?xml') && !serialized.startsWith('<?xml')
    ? `${original.slice(0, original.indexOf('?>') + 2)}\n${serialized}`
    : serialized;
}
