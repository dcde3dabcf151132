/**
 * Link-layer headers of the capture link types we read (tcpdump.org/linktypes.html):
 * each strips its header and says which network protocol follows.
 */

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const LINKTYPE_NAMES: Record<number, string> = {
  [LINKTYPE.NULL]: 'BSD loopback',
  [LINKTYPE.ETHERNET]: 'Ethernet',
  [LINKTYPE.RAW]: 'raw IP',
  [LINKTYPE.LOOP]: 'OpenBSD loopback',
  [LINKTYPE.LINUX_SLL]: 'Linux cooked (SLL)',
  [LINKTYPE.IPV4]: 'raw IPv4',
  [LINKTYPE.IPV6]: 'raw IPv6',
  [LINKTYPE.LINUX_SLL2]: 'Linux cooked v2 (SLL2)',
  // Some platforms number raw IP 12 or 14 (DLT_RAW before LINKTYPE_RAW existed).
  12: 'raw IP',
  14: 'raw IP',
};

export function linkTypeName(linkType: number): string {
  return LINKTYPE_NAMES[linkType] ?? `link type ${linkType}`;
}

export function isSupportedLinkType(linkType: number): boolean {
  return linkType in LINKTYPE_NAMES;
}

/** Where the network-layer packet starts, and which one it is ('ip' = read the version nibble). */
export type NetworkStart = { network: 'ipv4' | 'ipv6' | 'ip'; offset: number } | { skip: string };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
// Address families of the BSD loopback header: AF_INET is 2 everywhere; AF_INET6 differs by OS.
const AF_INET = 2;
const AF_INET6 = [10, 24, 28, 30];

function byEtherType(etherType: number, offset: number): NetworkStart {
  if (etherType === ETHERTYPE_IPV4) return { network: 'ipv4', offset };
  if (etherType === ETHERTYPE_IPV6) return { network: 'ipv6', offset };
  if (etherType === ETHERTYPE_ARP) return { skip: 'ARP' };
  return { skip: `ethertype 0x${etherType.toString(16).padStart(4, '0')}` };
}

/** `start`/`end` bound the captured frame inside `view`. */
export function stripLinkLayer(view: DataView, start: number, end: number, linkType: number): NetworkStart {
  const length = end - start;
  switch (linkType) {
    case LINKTYPE.ETHERNET: {
      if (length < 14) return { skip: 'truncated Ethernet header' };
      let offset = start + 12;
      let etherType = view.getUint16(offset);
      // 802.1Q / 802.1ad tags: 2 bytes TCI then the next ethertype; tags can be stacked (QinQ).
      while (ETHERTYPE_VLAN.includes(etherType)) {
        offset += 4;
        if (offset + 2 > end) return { skip: 'truncated VLAN tag' };
        etherType = view.getUint16(offset);
      }
      return byEtherType(etherType, offset + 2);
    }
    case LINKTYPE.RAW:
    case 12:
    case 14:
      return { network: 'ip', offset: start };
    case LINKTYPE.IPV4:
      return { network: 'ipv4', offset: start };
    case LINKTYPE.IPV6:
      return { network: 'ipv6', offset: start };
    case LINKTYPE.LINUX_SLL:
      // packet type(2) ARPHRD(2) address length(2) address(8) protocol(2)
      if (length < 16) return { skip: 'truncated SLL header' };
      return byEtherType(view.getUint16(start + 14), start + 16);
    case LINKTYPE.LINUX_SLL2:
      // protocol(2) reserved(2) interface index(4) ARPHRD(2) packet type(1) address length(1) address(8)
      if (length < 20) return { skip: 'truncated SLL2 header' };
      return byEtherType(view.getUint16(start), start + 20);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (length < 4) return { skip: 'truncated loopback header' };
      // NULL is in the capturing host's byte order, LOOP in network order: accept either.
      const big = view.getUint32(start);
      const little = view.getUint32(start, true);
      if (big === AF_INET || little === AF_INET) return { network: 'ipv4', offset: start + 4 };
      if (AF_INET6.includes(big) || AF_INET6.includes(little)) return { network: 'ipv6', offset: start + 4 };
      return { skip: `loopback address family ${big}` };
    }
    default:
      return { skip: `unsupported ${linkTypeName(linkType)}` };
  }
}
