/**
 * A transition's `rfc` field as a link: "3.10.7.4" is a section of RFC 9293; other RFCs are written with their
 * number, e.g. "RFC 5961 §4". Returns null for a reference it cannot place, which is then shown as plain text.
 */
export function rfcLink(reference: string): { href: string; text: string } | null {
  const other = /^RFC\s*(\d+)(?:\s*§\s*([\d.]+))?/i.exec(reference.trim());
  if (other) {
    const [, rfc, section] = other;
    return { href: `https://www.rfc-editor.org/rfc/rfc${rfc}${section ? `#section-${section}` : ''}`, text: `RFC ${rfc}${section ? ` §${section}` : ''}` };
  }
  const section = /^§?\s*(\d+(?:\.\d+)*)$/.exec(reference.trim());
  if (section) return { href: `https://www.rfc-editor.org/rfc/rfc9293#section-${section[1]}`, text: `RFC 9293 §${section[1]}` };
  return null;
}
