// "Sam is viewing" / "Sam is typing a reply" on a conversation: who else has it open.

export interface Viewer {
  username: string;
  typing: boolean;
}

/** What to tell me about the others on the conversation; empty when I am alone. */
export function presenceText(people: readonly Viewer[], me: string): string {
  const others = people.filter((person) => person.username !== me);
  if (others.length === 0) return '';
  const typing = others.filter((person) => person.typing).map((person) => person.username);
  const viewing = others.filter((person) => !person.typing).map((person) => person.username);
  const parts: string[] = [];
  if (typing.length > 0) parts.push(`${list(typing)} ${typing.length === 1 ? 'is' : 'are'} typing a reply`);
  if (viewing.length > 0) parts.push(`${list(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing`);
  return parts.join('; ');
}

function list(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
