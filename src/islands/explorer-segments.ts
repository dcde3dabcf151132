import type { Tcb } from '../machine/endpoint';
import type { Segment } from '../machine/types';

/**
 * The arriving segments the state explorer offers, computed from the endpoint's TCB so that each one means what
 * its label says in the current state: an "acceptable" SYN,ACK acknowledges exactly SND.NXT, an "exact" RST carries
 * SEQ = RCV.NXT, and so on (RFC 9293 §3.10.7). Before the endpoint has heard from its peer, the peer's ISS is 5000.
 */
export const PEER_ISS = 5000;

export interface SegmentChoice {
  id: string;
  /** What the segment is, in words. */
  label: string;
  segment: Segment;
}

export function segmentChoices(tcb: Tcb): SegmentChoice[] {
  const peerIss = tcb.irs ?? PEER_ISS;
  // The next sequence number the peer would use: RCV.NXT once synchronized, else just after its SYN.
  const peerSeq = tcb.irs === null ? peerIss + 1 : tcb.rcvNxt;
  const window = Math.max(1, tcb.rcvWnd);
  const segment = (flags: Segment['flags'], seq: number, ack: number | null, len = 0): Segment => ({ flags, seq, ack, len });
  return [
    { id: 'syn', label: 'SYN (a connection request)', segment: segment(['SYN'], peerIss, null) },
    { id: 'syn-ack', label: 'SYN,ACK with an acceptable ACK (= SND.NXT)', segment: segment(['SYN', 'ACK'], peerIss, tcb.sndNxt) },
    { id: 'syn-ack-bad', label: 'SYN,ACK with an unacceptable ACK (= ISS, not above it)', segment: segment(['SYN', 'ACK'], peerIss, tcb.iss) },
    { id: 'ack', label: 'ACK of everything we sent, our SYN or FIN included (= SND.NXT)', segment: segment(['ACK'], peerSeq, tcb.sndNxt) },
    { id: 'fin', label: 'FIN that does not acknowledge our FIN (ACK = SND.UNA)', segment: segment(['FIN', 'ACK'], peerSeq, tcb.sndUna) },
    { id: 'fin-ack', label: 'FIN that also acknowledges everything we sent (ACK = SND.NXT)', segment: segment(['FIN', 'ACK'], peerSeq, tcb.sndNxt) },
    { id: 'data', label: '100 bytes of data', segment: segment(['ACK'], peerSeq, tcb.sndNxt, 100) },
    tcb.state === 'SYN-SENT'
      ? // In SYN-SENT a RST counts only if its ACK acknowledges our SYN (§3.10.7.3).
        { id: 'rst-exact', label: 'RST,ACK acknowledging our SYN (how a refused connection looks)', segment: segment(['RST', 'ACK'], 0, tcb.sndNxt) }
      : { id: 'rst-exact', label: 'RST with SEQ = RCV.NXT exactly', segment: segment(['RST'], peerSeq, null) },
    { id: 'rst-in-window', label: 'RST inside the window but not exact (SEQ = RCV.NXT + 100)', segment: segment(['RST'], peerSeq + 100, null) },
    { id: 'rst-out-of-window', label: 'RST outside the window', segment: segment(['RST'], peerSeq + window + 1000, null) },
  ];
}
