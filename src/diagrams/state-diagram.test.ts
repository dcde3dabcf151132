import { describe, expect, it } from 'vitest';
import { machine } from '../machine/definition';
import type { MachineDefinition, State, Transition } from '../machine/types';
import { STATES } from '../machine/types';
import { mermaidLabel, mermaidStateId } from './mermaid-text';
import { LABEL_LINE_BREAK, stateDiagramSource, STATE_VIEWS, type StateView } from './state-diagram';
import { isResetOrFailure, STATE_VIEW_SPECS } from './state-views';
import { transitionLabel } from './transition-label';
import { TRANSITIONS_ZH_CN } from '../i18n/transitions.zh-cn';

/** What a reader of the Mermaid source sees: declared states and labelled edges. */
function parseStateDiagram(source: string) {
  const declared = [...source.matchAll(/^ {2}state "([^"]+)" as (\w+)$/gm)].map((match) => ({ name: match[1] as State, id: match[2] }));
  const edges = [...source.matchAll(/^ {2}(\w+) --> (\w+) : (.*)$/gm)].map(([, from = '', to = '', label = '']) => ({
    from,
    to,
    lines: label.split(LABEL_LINE_BREAK),
  }));
  return { declared, edges };
}

function edgeLinesBetween(source: string, from: State, to: State): string[] {
  const edge = parseStateDiagram(source).edges.find((e) => e.from === mermaidStateId(from) && e.to === mermaidStateId(to));
  return edge?.lines ?? [];
}

function drawsTransition(source: string, transition: Transition): boolean {
  return edgeLinesBetween(source, transition.from, transition.to).some(
    (line) => line === mermaidLabel(transitionLabel(transition)) || line === mermaidLabel(transitionLabel(transition, true)),
  );
}

describe('the full state diagram', () => {
  const source = stateDiagramSource('full');
  const { declared, edges } = parseStateDiagram(source);

  it('is a Mermaid stateDiagram-v2 that starts in CLOSED', () => {
    expect(source.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(source).toContain('[*] --> CLOSED');
  });

  it('declares all 11 states of RFC 9293 §3.3.2, spelled as the RFC spells them', () => {
    expect(declared.map((state) => state.name)).toEqual([...STATES]);
  });

  it.each(machine.transitions.map((transition) => [transition.id, transition] as const))(
    'draws transition %s on the edge between its two states, labelled "event / action"',
    (_id, transition) => {
      expect(drawsTransition(source, transition)).toBe(true);
    },
  );

  it('draws one label line per transition and nothing else', () => {
    const lineCount = edges.reduce((sum, edge) => sum + edge.lines.length, 0);
    expect(lineCount).toBe(machine.transitions.length);
  });

  it('draws self-loops (TIME-WAIT ACKs a retransmitted FIN and restarts 2MSL, §3.10.7.4)', () => {
    expect(edgeLinesBetween(source, 'TIME-WAIT', 'TIME-WAIT')).toContain(mermaidLabel('rcv FIN (retransmitted) / snd ACK, restart 2MSL'));
  });

  it('draws a transition added to the machine, so none can be left out of the picture', () => {
    const added: Transition = {
      id: 'close-wait-test-only',
      from: 'CLOSE-WAIT',
      to: 'CLOSING',
      kind: 'segment',
      event: 'rcv test segment',
      sends: '<SEQ=SND.NXT><CTL=RST>',
      timers: [],
      rfc: '3.10.7.4',
    };
    const extended: MachineDefinition = { ...machine, transitions: [...machine.transitions, added] };
    const extendedSource = stateDiagramSource('full', extended);
    expect(drawsTransition(extendedSource, added)).toBe(true);
    expect(edgeLinesBetween(extendedSource, 'CLOSE-WAIT', 'CLOSING')).toEqual([mermaidLabel('rcv test segment / snd RST')]);
  });

  it('adds the guard only where two transitions on one edge would otherwise read the same', () => {
    const twin = (id: string, guard: string): Transition => ({
      id,
      from: 'LISTEN',
      to: 'LISTEN',
      kind: 'segment',
      event: 'rcv twin',
      guard,
      sends: '',
      timers: [],
      rfc: '3.10.7.2',
    });
    const definition: MachineDefinition = { states: machine.states, transitions: [twin('a', 'first'), twin('b', 'second')] };
    expect(edgeLinesBetween(stateDiagramSource('full', definition), 'LISTEN', 'LISTEN')).toEqual([
      mermaidLabel('rcv twin [first] / —'),
      mermaidLabel('rcv twin [second] / —'),
    ]);
  });
});

describe('the focused views', () => {
  const focused = STATE_VIEWS.filter((view): view is Exclude<StateView, 'full' | 'overview'> => view !== 'full' && view !== 'overview');

  it.each(focused)('%s declares only states of its view and draws edges only between declared states', (view) => {
    const { declared, edges } = parseStateDiagram(stateDiagramSource(view));
    const allowed = STATE_VIEW_SPECS[view].states;
    for (const state of declared) expect(allowed).toContain(state.name);
    const ids = new Set(declared.map((state) => state.id));
    for (const edge of edges) {
      expect(ids.has(edge.from)).toBe(true);
      expect(ids.has(edge.to)).toBe(true);
    }
  });

  it.each(focused)('%s draws only transitions of the machine, each on its own edge', (view) => {
    const source = stateDiagramSource(view);
    const drawn = machine.transitions.filter((transition) => STATE_VIEW_SPECS[view].includes(transition));
    expect(drawn.length).toBeGreaterThan(0);
    for (const transition of drawn) expect(drawsTransition(source, transition)).toBe(true);
    const lineCount = parseStateDiagram(source).edges.reduce((sum, edge) => sum + edge.lines.length, 0);
    expect(lineCount).toBe(drawn.length);
  });

  const stateNames = (view: StateView) => parseStateDiagram(stateDiagramSource(view)).declared.map((state) => state.name);

  it('the handshake view stops at ESTABLISHED: no closing state appears', () => {
    expect(stateNames('handshake')).toEqual(['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']);
  });

  it('the handshake view has simultaneous open and the return of SYN-RECEIVED to LISTEN (§3.10.7.3, §3.10.7.4)', () => {
    const source = stateDiagramSource('handshake');
    expect(edgeLinesBetween(source, 'SYN-SENT', 'SYN-RECEIVED')).toContain(mermaidLabel('rcv SYN / snd SYN,ACK'));
    expect(edgeLinesBetween(source, 'SYN-RECEIVED', 'LISTEN').length).toBeGreaterThan(0);
  });

  it('the active closer never passes through CLOSE-WAIT or LAST-ACK', () => {
    expect(stateNames('active-close')).toEqual(['CLOSED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'TIME-WAIT']);
  });

  it('the active closer reaches TIME-WAIT from FIN-WAIT-2, from CLOSING, and from FIN-WAIT-1 on a FIN that ACKs its FIN', () => {
    const source = stateDiagramSource('active-close');
    for (const from of ['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING'] as const) {
      expect(edgeLinesBetween(source, from, 'TIME-WAIT').length).toBeGreaterThan(0);
    }
  });

  it('the passive closer never passes through FIN-WAIT-1, FIN-WAIT-2, CLOSING or TIME-WAIT', () => {
    expect(stateNames('passive-close')).toEqual(['CLOSED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK']);
  });

  it('the teardown view leaves out the handshake states', () => {
    const names = stateNames('teardown');
    for (const state of ['LISTEN', 'SYN-SENT', 'SYN-RECEIVED'] as const) expect(names).not.toContain(state);
  });

  it('the closing views draw no reset, abort or give-up: those are in the resets view', () => {
    for (const view of ['teardown', 'active-close', 'passive-close'] as const) {
      for (const transition of machine.transitions.filter(isResetOrFailure)) {
        expect(STATE_VIEW_SPECS[view].includes(transition)).toBe(false);
      }
    }
  });

  it('the resets view draws every transition that sends or receives a RST, and nothing else', () => {
    const source = stateDiagramSource('resets');
    const resets = machine.transitions.filter(isResetOrFailure);
    expect(resets.some((transition) => transition.id === 'closed-rcv-segment')).toBe(true);
    for (const transition of machine.transitions) {
      const touchesRst = /\bRST\b/.test(transition.event) || /CTL=[A-Z,]*RST/.test(transition.sends);
      if (touchesRst) expect(drawsTransition(source, transition)).toBe(true);
    }
    const lineCount = parseStateDiagram(source).edges.reduce((sum, edge) => sum + edge.lines.length, 0);
    expect(lineCount).toBe(resets.length);
  });
});

describe('the overview', () => {
  const source = stateDiagramSource('overview');
  const { declared, edges } = parseStateDiagram(source);
  const selected = machine.transitions.filter((transition) => transition.from !== transition.to && !(transition.to === 'CLOSED' && isResetOrFailure(transition)));
  const edgeKey = (from: string, to: string) => `${from}->${to}`;
  const labelOf = (from: State, to: State) => edges.find((edge) => edge.from === mermaidStateId(from) && edge.to === mermaidStateId(to))?.lines.join('\n') ?? '';

  it('declares all 11 states and starts in CLOSED', () => {
    expect(declared.map((state) => state.name)).toEqual([...STATES]);
    expect(source).toContain('[*] --> CLOSED');
  });

  it('draws exactly one edge per pair of different states that a selected transition joins, and no other', () => {
    const expected = new Set(selected.map((transition) => edgeKey(mermaidStateId(transition.from), mermaidStateId(transition.to))));
    const drawn = edges.map((edge) => edgeKey(edge.from, edge.to));
    expect(new Set(drawn)).toEqual(expected);
    expect(drawn.length).toBe(expected.size);
  });

  it.each(selected.map((transition) => [transition.id, transition] as const))('names the event of %s on its edge', (_id, transition) => {
    expect(labelOf(transition.from, transition.to).split('\n')).toContain(mermaidLabel(transition.event));
  });

  it('has every change of state of RFC 9293 Figure 5 (the transitions not flagged notInFigure5)', () => {
    for (const transition of machine.transitions.filter((t) => !t.notInFigure5 && t.from !== t.to)) {
      expect(STATE_VIEW_SPECS.overview.includes(transition), transition.id).toBe(true);
    }
  });

  it('has the edges Figure 5 leaves out: simultaneous open, back to LISTEN, FIN-WAIT-1 straight to TIME-WAIT, closing from SYN-RECEIVED', () => {
    for (const [from, to] of [
      ['SYN-SENT', 'SYN-RECEIVED'],
      ['SYN-RECEIVED', 'LISTEN'],
      ['FIN-WAIT-1', 'TIME-WAIT'],
      ['SYN-RECEIVED', 'FIN-WAIT-1'],
      ['SYN-RECEIVED', 'CLOSE-WAIT'],
      ['LISTEN', 'SYN-SENT'],
    ] as const) {
      expect(labelOf(from, to), `${from} -> ${to}`).not.toBe('');
    }
    expect(labelOf('SYN-RECEIVED', 'LISTEN').split('\n')).toContain(mermaidLabel('rcv RST'));
  });

  it('leaves self-loops and the ABORT, RST and give-up arrows into CLOSED to the full diagram', () => {
    for (const edge of edges) expect(edge.from).not.toBe(edge.to);
    for (const transition of machine.transitions.filter((t) => t.to === 'CLOSED' && isResetOrFailure(t))) {
      expect(STATE_VIEW_SPECS.overview.includes(transition), transition.id).toBe(false);
    }
    expect(labelOf('ESTABLISHED', 'CLOSED')).toBe('');
    expect(labelOf('TIME-WAIT', 'CLOSED').split('\n')).toEqual([mermaidLabel('timeout 2MSL')]);
  });

  it('writes the action on its own line, and once for parallel transitions that do the same', () => {
    expect(labelOf('FIN-WAIT-1', 'TIME-WAIT').split('\n')).toEqual([mermaidLabel('rcv FIN,ACK of FIN'), mermaidLabel('/ snd ACK, start 2MSL')]);
    expect(labelOf('LISTEN', 'SYN-SENT').split('\n')).toEqual([mermaidLabel('active OPEN (connect)'), 'SEND', mermaidLabel('/ snd SYN')]);
  });
});

describe('the full state diagram of the Chinese edition', () => {
  const source = stateDiagramSource('full', machine, 'zh-cn');
  const { declared, edges } = parseStateDiagram(source);

  it('declares all 11 states by their RFC names, so data-state marking works as in English', () => {
    expect(declared.map((state) => state.name)).toEqual([...STATES]);
    expect(source).toContain('[*] --> CLOSED');
  });

  it("labels every transition with its Chinese event word (src/i18n/transitions.zh-cn.ts), on the edge between its states", () => {
    for (const transition of machine.transitions) {
      const event = mermaidLabel(TRANSITIONS_ZH_CN[transition.id]!.event);
      const lines = edgeLinesBetween(source, transition.from, transition.to);
      expect(lines.some((line) => line.startsWith(event)), `${transition.id}: ${event}`).toBe(true);
    }
  });

  it('keeps the RFC notation of what is sent: "snd SYN,ACK" becomes "发送 SYN,ACK"', () => {
    const english = edgeLinesBetween(stateDiagramSource('full'), 'LISTEN', 'SYN-RECEIVED');
    expect(english.some((line) => line.endsWith(mermaidLabel('/ snd SYN,ACK')))).toBe(true);
    expect(edgeLinesBetween(source, 'LISTEN', 'SYN-RECEIVED').some((line) => line.endsWith(mermaidLabel('/ 发送 SYN,ACK')))).toBe(true);
    expect(edges.flatMap((edge) => edge.lines).filter((line) => /\bsnd\b|\brcv\b/.test(line))).toEqual([]);
  });
});
