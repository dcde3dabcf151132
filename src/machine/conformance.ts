/**
 * Does a step do what the record it names says? `recordMismatches(before, input, result)` compares the outputs of one
 * reducer step with the structure of the transition record it took: every segment sent must fit one of the record's
 * segment templates, every timer started or stopped one of its timer actions, and its errors and signals its report.
 *
 * Two things every step may do besides its record, because `finish` in endpoint.ts does them after any input:
 * - send queued data and a pending FIN once the state and the peer's window allow (§3.10.2, §3.10.4), starting the
 *   retransmission timer for them (RFC 6298 §5.1);
 * - settle an ACK it owes: send one that a delayed-ACK timer was holding, and stop that timer once an ACK went out;
 * - hold the ACK of data with the delayed-ACK timer, where the record ACKs data (§3.8.6.3, when configured);
 * - on an ACK of new data, stop the retransmission timer or restart it for what is left (RFC 6298 §5.2–5.3).
 * Used by the property tests (src/machine/properties.test.ts, src/simulator/records-match-steps.test.ts).
 */
import { transitionById } from './definition';
import { segmentLength, type StepResult, type Tcb } from './endpoint';
import { formatFlags, formatSegment } from './format';
import type { Input, Segment, SendTemplate, TimerAction } from './types';

type SegmentTemplate = Exclude<SendTemplate, { retransmit: true }>;

function seqFits(template: SegmentTemplate, seg: Segment, before: Tcb, after: Tcb, input: Input): boolean {
  switch (template.seq) {
    case 'ISS':
      return seg.seq === after.iss;
    case 'SEG.ACK':
      return input.kind === 'segment' && seg.seq === input.segment.ack;
    case '0':
      return seg.seq === 0;
    case 'SND.NXT':
      // A FIN goes at the SND.NXT it consumes; data from the SND.NXT before the step on; an ACK at either end.
      if (template.flags.includes('FIN')) return seg.seq === after.finSeq;
      if (template.data) return seg.seq >= before.sndNxt && seg.seq < after.sndNxt;
      return seg.seq === before.sndNxt || seg.seq === after.sndNxt;
  }
}

function ackFits(template: SegmentTemplate, seg: Segment, after: Tcb, input: Input): boolean {
  if (template.ack === undefined) return seg.ack === null;
  if (template.ack === 'RCV.NXT') return seg.ack === after.rcvNxt;
  return input.kind === 'segment' && seg.ack === input.segment.seq + segmentLength(input.segment);
}

function whenFits(template: SegmentTemplate, input: Input, result: StepResult): boolean {
  const arriving = input.kind === 'segment' ? input.segment : null;
  switch (template.when) {
    case undefined:
      return true;
    case 'ack-set':
      return arriving !== null && arriving.flags.includes('ACK') && arriving.ack !== null;
    case 'ack-clear':
      return arriving !== null && !(arriving.flags.includes('ACK') && arriving.ack !== null);
    case 'data-arrived':
      // Data, or a FIN ahead of data still missing (out of order, ACKed at once).
      return (arriving !== null && (arriving.len > 0 || arriving.flags.includes('FIN'))) || result.outputs.some((output) => output.type === 'deliver');
  }
}

function fits(template: SendTemplate, seg: Segment, before: Tcb, after: Tcb, input: Input, result: StepResult): boolean {
  if ('retransmit' in template) {
    const head = before.retransmissionQueue[0];
    return head !== undefined && seg.seq === head.seq && seg.len === head.len && seg.flags.includes('SYN') === head.syn && seg.flags.includes('FIN') === head.fin;
  }
  if (formatFlags(seg.flags) !== formatFlags(template.flags)) return false;
  if ((seg.len > 0) !== (template.data === true) && !(template.mayCarryData && seg.len > 0)) return false;
  return seqFits(template, seg, before, after, input) && ackFits(template, seg, after, input) && whenFits(template, input, result);
}

/** New data or our FIN from the send queue: what `finish` sends after any input. */
function isQueuedTransmission(seg: Segment, before: Tcb, after: Tcb): boolean {
  if (seg.flags.includes('SYN') || seg.flags.includes('RST') || !seg.flags.includes('ACK')) return false;
  if (seg.len === 0 && !seg.flags.includes('FIN')) return false;
  return seg.seq >= before.sndNxt && seg.seq + segmentLength(seg) <= after.sndNxt;
}

function timerFits(actions: readonly TimerAction[], name: TimerAction['timer'], action: 'start' | 'stop'): boolean {
  return actions.some((a) => a.timer === name && (a.action === action || a.action === 'restart' || a.action === 'restart-or-stop'));
}

/** The ways one step's outputs depart from the record it took, in words; empty when they agree. */
export function recordMismatches(before: Tcb, input: Input, result: StepResult): string[] {
  const problems: string[] = [];
  const after = result.tcb;
  if (result.transition === null) {
    const acted = result.outputs.filter((output) => output.type !== 'deliver');
    if (acted.length > 0) problems.push(`no record taken, but outputs ${JSON.stringify(acted)}`);
    return problems;
  }
  const record = transitionById(result.transition);
  const id = record.id;
  const sent = result.outputs.flatMap((output) => (output.type === 'send' ? [output.segment] : []));
  let queued = false;
  let settledAck = false;
  for (const seg of sent) {
    const fromQueue = isQueuedTransmission(seg, before, after);
    if (fromQueue) queued = true;
    if (fromQueue || record.sendTemplates.some((template) => fits(template, seg, before, after, input, result))) continue;
    const owedAck = before.timers.delayedAck !== null && formatFlags(seg.flags) === 'ACK' && seg.len === 0 && seg.seq === after.sndNxt && seg.ack === after.rcvNxt;
    if (owedAck && !settledAck) {
      settledAck = true;
      continue;
    }
    problems.push(`${id}: sent ${formatSegment(seg)}, which fits none of its templates (${record.sends || 'nothing'})`);
  }
  const ackWentOut = sent.some((seg) => seg.ack !== null);
  const mayDelay = record.sendTemplates.some((template) => 'flags' in template && (template.delay === 'if-configured' || template.delay === 'may-ride-on-fin' || template.when === 'data-arrived'));
  for (const output of result.outputs) {
    if (output.type !== 'timer') continue;
    if (timerFits(record.timerActions, output.name, output.action)) continue;
    if (output.name === 'retransmission' && output.action === 'start' && queued) continue;
    // RFC 6298 §5.2–5.3, in every state: an ACK of new data stops the timer, or restarts it for what is left.
    if (output.name === 'retransmission' && after.sndUna > before.sndUna) continue;
    if (output.name === 'delayedAck' && output.action === 'start' && mayDelay) continue;
    if (output.name === 'delayedAck' && output.action === 'stop' && (ackWentOut || settledAck)) continue;
    problems.push(`${id}: ${output.action} ${output.name}, which its timers do not say (${record.timers.join('; ') || 'none'})`);
  }
  const errors = result.outputs.flatMap((output) => (output.type === 'error' ? [output.code] : []));
  const signals = result.outputs.flatMap((output) => (output.type === 'signal' ? [output.code] : []));
  const report = record.report;
  const expectedErrors = report?.as === 'error' ? [report.code] : [];
  const expectedSignals = report?.as === 'signal' ? [report.code] : [];
  if (JSON.stringify(errors) !== JSON.stringify(expectedErrors)) problems.push(`${id}: errors ${JSON.stringify(errors)}, its report says ${JSON.stringify(expectedErrors)}`);
  if (JSON.stringify(signals) !== JSON.stringify(expectedSignals)) problems.push(`${id}: signals ${JSON.stringify(signals)}, its report says ${JSON.stringify(expectedSignals)}`);
  return problems;
}
