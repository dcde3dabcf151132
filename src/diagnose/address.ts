/**
 * Socket addresses, written the way `ss -n` writes them: `10.0.0.1:8080`, `[2001:db8::1]:443`, `0.0.0.0:*`, `*:22`.
 * netstat's `::1:8080` and /proc/net/tcp's hex are converted to that spelling.
 */

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^(?:[0-9a-fA-F]{0,4}:){2,7}(?:[0-9a-fA-F]{0,4}|\d{1,3}(?:\.\d{1,3}){3})$/;
const PORT = /^(?:\d{1,5}|\*)$/;

function validPort(port: string): boolean {
  return PORT.test(port) && (port === '*' || Number(port) <= 65535);
}

function validHost(host: string): boolean {
  // ss appends `%<interface>` to an address bound to a device.
  const bare = host.replace(/%[\w.@-]+$/, '');
  return bare === '*' || IPV4.test(bare) || (IPV6.test(bare) && (bare.match(/::/g) ?? []).length <= 1);
}

/** An ss address (`[::1]:8080`, `127.0.0.1:8080`, `*:*`), or null when it is not one. */
export function ssAddress(text: string): string | null {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return null;
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (!validPort(port)) return null;
  if (host.startsWith('[') && host.endsWith(']')) return validHost(host.slice(1, -1)) ? text : null;
  return validHost(host) && !host.replace(/%.*$/, '').includes(':') ? text : null;
}

/** A netstat address (`::1:8080`, `:::*`, `0.0.0.0:*`) in ss's spelling, or null. */
export function netstatAddress(text: string): string | null {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return null;
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (!validPort(port) || !validHost(host)) return null;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** /proc/net/tcp's `0100007F:1F90` (IPv4, host byte order) or its 32-digit IPv6 form, in ss's spelling. */
export function procAddress(text: string): string | null {
  const match = /^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})$/.exec(text);
  if (!match) return null;
  const [, hex, portHex] = match as unknown as [string, string, string];
  const port = parseInt(portHex, 16);
  const words = hex.match(/.{8}/g)!.map((word) => word.match(/../g)!.reverse().join(''));
  if (words.length === 1) {
    const bytes = words[0]!.match(/../g)!.map((byte) => parseInt(byte, 16));
    return `${bytes.join('.')}:${port === 0 ? '*' : port}`;
  }
  const groups = words.join('').match(/.{4}/g)!.map((group) => parseInt(group, 16));
  return `[${ipv6Text(groups)}]:${port === 0 ? '*' : port}`;
}

/** RFC 5952 text of eight 16-bit groups; `::ffff:a.b.c.d` for IPv4-mapped addresses. */
function ipv6Text(groups: number[]): string {
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [a, b] = [groups[6]!, groups[7]!];
    return `::ffff:${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > best.length && end - start > 1) best = { start, length: end - start };
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** The port of an address (`*` for a wildcard). */
export function portOf(address: string): string {
  return address.slice(address.lastIndexOf(':') + 1);
}

/** The address without its port, brackets kept for IPv6. */
export function hostOf(address: string): string {
  return address.slice(0, address.lastIndexOf(':'));
}
