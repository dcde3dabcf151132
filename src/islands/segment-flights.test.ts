import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../simulator/trace';
import { segmentFlights } from './segment-flights';

const syn = { flags: ['SYN' as const], seq: 1000, ack: null, len: 0 };
const rst = { flags: ['RST' as const], seq: 5001, ack: null, len: 0 };

describe('joining sends to arrivals', () => {
  it('pairs a retransmitted SYN with its own arrival after the first copy was lost (by segment id)', () => {
    const events: TraceEvent[] = [
      { t: 0, endpoint: 'client', type: 'send', segment: syn, id: 1 },
      { t: 0, endpoint: 'client', type: 'drop', segment: syn, id: 1 },
      { t: 1000, endpoint: 'client', type: 'send', segment: syn, id: 2 },
      { t: 1050, endpoint: 'server', type: 'receive', segment: syn, id: 2 },
    ];
    const [lost, retransmitted] = segmentFlights(events, ['client', 'server']);
    expect(lost).toMatchObject({ from: 'client', to: 'server', sentIndex: 0, droppedIndex: 1, arrivedIndex: null });
    expect(retransmitted).toMatchObject({ sentIndex: 2, arrivedIndex: 3, droppedIndex: null });
  });

  it('pairs equal segments in FIFO order when the trace has no ids', () => {
    const events: TraceEvent[] = [
      { t: 0, endpoint: 'client', type: 'send', segment: syn },
      { t: 10, endpoint: 'client', type: 'send', segment: syn },
      { t: 50, endpoint: 'server', type: 'receive', segment: syn },
      { t: 60, endpoint: 'server', type: 'receive', segment: syn },
    ];
    const flights = segmentFlights(events, ['client', 'server']);
    expect(flights.map((flight) => [flight.sentIndex, flight.arrivedIndex])).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('draws a forged segment as coming from nobody', () => {
    const events: TraceEvent[] = [{ t: 3000, endpoint: 'server', type: 'receive', segment: rst, id: 9, injected: true }];
    const [forged] = segmentFlights(events, ['client', 'server']);
    expect(forged).toMatchObject({ forged: true, sentIndex: null, arrivedIndex: 0, to: 'server' });
  });

  it('draws the second delivery of a duplicated segment from the same send', () => {
    const events: TraceEvent[] = [
      { t: 0, endpoint: 'client', type: 'send', segment: syn, id: 1 },
      { t: 50, endpoint: 'server', type: 'receive', segment: syn, id: 1 },
      { t: 50, endpoint: 'server', type: 'receive', segment: syn, id: 1 },
    ];
    const flights = segmentFlights(events, ['client', 'server']);
    expect(flights).toHaveLength(2);
    expect(flights[1]).toMatchObject({ duplicate: true, sentIndex: 0, arrivedIndex: 2, forged: false });
  });
});
