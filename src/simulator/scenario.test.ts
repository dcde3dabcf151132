import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, endpointConfig, parseScenario, parseScenarioText, ScenarioError } from './scenario';

const valid = () => ({
  endpoints: { client: { iss: 1000 }, server: { iss: 5000, delayedAck: 200 } },
  steps: [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 0, endpoint: 'client', call: 'connect' },
    { at: 500, endpoint: 'client', call: 'send', bytes: 100 },
    { at: 3000, inject: { to: 'server', flags: ['RST'], seq: 1102 } },
  ],
});

/** The message parseScenario throws for a scenario changed by `edit`. */
function faultOf(edit: (scenario: any) => void): string {
  const scenario = valid();
  edit(scenario);
  try {
    parseScenario(scenario, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).source).toBe('test.json');
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario: defaults', () => {
  it('fills every optional field with the documented default', () => {
    const scenario = parseScenario(valid());
    expect(scenario.options).toEqual({ delay: 50, msl: 30000, rto: 1000, synRetries: 6, retries: 15, window: 65535, mss: 1460 });
    expect(scenario.network).toEqual({ drop: [], duplicate: [], reorder: [], lossRate: 0, seed: 1 });
    expect(scenario.until).toBeUndefined();
    expect(scenario.title).toBeUndefined();
  });

  it('gives the first endpoint ISS 1000 and the second ISS 5000 when none is given', () => {
    const scenario = parseScenario({ endpoints: { A: {}, B: {} }, steps: [] });
    expect(scenario.endpoints).toEqual({ A: { iss: 1000 }, B: { iss: 5000 } });
  });

  it('resolves an endpoint’s configuration: shared options, then its own overrides', () => {
    const scenario = parseScenario({ options: { rto: 3000, window: 1000 }, endpoints: { c: { window: 500, delayedAck: 40 }, s: {} }, steps: [] });
    expect(endpointConfig(scenario, 'c')).toEqual({ ...DEFAULT_OPTIONS, delay: undefined, rto: 3000, window: 500, iss: 1000, delayedAck: 40 });
    expect(endpointConfig(scenario, 's')).not.toHaveProperty('delayedAck');
    expect(endpointConfig(scenario, 's')).not.toHaveProperty('delay');
  });

  it('keeps title, description, notes and the issue’s example fields', () => {
    const scenario = parseScenario({
      title: 'T',
      description: 'D',
      options: { delay: 50, msl: 30000, rto: 1000, synRetries: 6, retries: 15, window: 65535 },
      endpoints: { client: { iss: 1000 }, server: { iss: 5000, delayedAck: 200 } },
      network: { drop: [{ from: 'client', nth: 3 }], duplicate: [], lossRate: 0, seed: 1 },
      steps: [{ at: 0, endpoint: 'server', call: 'listen', note: 'n' }],
      until: 200000,
    });
    expect(scenario).toMatchObject({ title: 'T', description: 'D', until: 200000, steps: [{ note: 'n' }], network: { drop: [{ from: 'client', nth: 3 }] } });
  });

  it('puts injected flags in canonical order and fills ack only when given', () => {
    const scenario = parseScenario({ endpoints: { a: {}, b: {} }, steps: [{ at: 1, inject: { to: 'a', flags: ['ACK', 'SYN'], seq: 9, ack: 3 } }] });
    expect(scenario.steps[0]).toEqual({ at: 1, inject: { to: 'a', flags: ['SYN', 'ACK'], seq: 9, ack: 3 } });
  });
});

describe('parseScenario: every fault names the path and what is wrong', () => {
  it('rejects a document that is not an object', () => {
    expect(() => parseScenario([])).toThrow('expected an object, got an array');
    expect(() => parseScenario('x')).toThrow('expected an object, got the string "x"');
  });

  it('rejects invalid JSON text', () => {
    expect(() => parseScenarioText('{"endpoints": ', 'f.json')).toThrow(/^invalid JSON: /);
  });

  it('rejects unknown fields anywhere', () => {
    expect(faultOf((s) => (s.nmae = 'x'))).toBe('nmae: unknown field (expected one of title, description, i18n, options, endpoints, network, steps, until)');
    expect(faultOf((s) => (s.options = { dealy: 5 }))).toMatch(/^options\.dealy: unknown field \(expected one of delay, msl, /);
    expect(faultOf((s) => (s.endpoints.client.isn = 5))).toMatch(/^endpoints\.client\.isn: unknown field/);
    expect(faultOf((s) => (s.network = { drop: [{ from: 'client', nth: 1, when: 3 }] }))).toBe('network.drop[0].when: unknown field (expected one of from, nth)');
    expect(faultOf((s) => (s.steps[1].bytes2 = 1))).toBe('steps[1].bytes2: unknown field (expected one of at, endpoint, call, bytes, note)');
    expect(faultOf((s) => (s.steps[3].inject.flag = ['RST']))).toBe('steps[3].inject.flag: unknown field (expected one of to, flags, seq, ack, len, window)');
    expect(faultOf((s) => (s.steps[3].endpoint = 'server'))).toBe('steps[3].endpoint: unknown field (expected one of at, inject, note)');
  });

  it('rejects anything but exactly two endpoints', () => {
    expect(faultOf((s) => (s.endpoints = { client: {} }))).toBe('endpoints: expected exactly two endpoints, got 1 ("client")');
    expect(faultOf((s) => (s.endpoints = { a: {}, b: {}, c: {} }))).toBe('endpoints: expected exactly two endpoints, got 3 ("a", "b", "c")');
    expect(faultOf((s) => delete s.endpoints)).toBe('endpoints: missing (required)');
  });

  it('rejects an unknown endpoint name in steps, drop rules and injects', () => {
    expect(faultOf((s) => (s.steps[2].endpoint = 'sever'))).toBe('steps[2].endpoint: unknown endpoint "sever" (expected "client" or "server")');
    expect(faultOf((s) => (s.network = { drop: [{ from: 'clinet', nth: 1 }] }))).toBe('network.drop[0].from: unknown endpoint "clinet" (expected "client" or "server")');
    expect(faultOf((s) => (s.network = { duplicate: [{ from: 3, nth: 1 }] }))).toBe('network.duplicate[0].from: expected an endpoint name, got number 3');
    expect(faultOf((s) => (s.steps[3].inject.to = 'B'))).toBe('steps[3].inject.to: unknown endpoint "B" (expected "client" or "server")');
  });

  it('rejects a negative or fractional time', () => {
    expect(faultOf((s) => (s.steps[0].at = -1))).toBe('steps[0].at: must not be negative, got -1');
    expect(faultOf((s) => (s.steps[0].at = 1.5))).toBe('steps[0].at: expected an integer, got 1.5');
    expect(faultOf((s) => (s.steps[0].at = '0'))).toBe('steps[0].at: expected a number, got the string "0"');
    expect(faultOf((s) => delete s.steps[0].at)).toBe('steps[0].at: missing (required)');
    expect(faultOf((s) => (s.until = -5))).toBe('until: must not be negative, got -5');
  });

  it('rejects an unknown call', () => {
    expect(faultOf((s) => (s.steps[1].call = 'connet'))).toBe('steps[1].call: unknown call "connet" (expected listen, connect, send, close, abort, crash)');
    expect(faultOf((s) => delete s.steps[1].call)).toBe('steps[1].call: missing (required)');
  });

  it('rejects a send without a positive byte count, and bytes on any other call', () => {
    expect(faultOf((s) => delete s.steps[2].bytes)).toBe('steps[2].bytes: missing (a send needs a positive number of bytes)');
    expect(faultOf((s) => (s.steps[2].bytes = 0))).toBe('steps[2].bytes: must be at least 1, got 0');
    expect(faultOf((s) => (s.steps[1].bytes = 10))).toBe('steps[1].bytes: only a send carries bytes, not "connect"');
  });

  it('rejects bad flags on an injected segment', () => {
    expect(faultOf((s) => (s.steps[3].inject.flags = ['RST', 'PSH']))).toBe('steps[3].inject.flags[1]: unknown flag "PSH" (expected SYN, FIN, RST, ACK)');
    expect(faultOf((s) => (s.steps[3].inject.flags = ['RST', 'RST']))).toBe('steps[3].inject.flags[1]: flag "RST" given twice');
    expect(faultOf((s) => (s.steps[3].inject.flags = 'RST'))).toBe('steps[3].inject.flags: expected an array, got the string "RST"');
    expect(faultOf((s) => (s.steps[3].inject.flags = ['RST', 'ACK']))).toBe('steps[3].inject.ack: missing (required when flags include ACK)');
    expect(faultOf((s) => (s.steps[3].inject.ack = 5))).toMatch(/^steps\[3\]\.inject\.ack: given, but flags do not include ACK/);
    expect(faultOf((s) => (s.steps[3].inject.seq = 2 ** 32))).toBe('steps[3].inject.seq: must be at most 4294967295, got 4294967296');
  });

  it('rejects bad options and network settings', () => {
    expect(faultOf((s) => (s.options = { rto: 0 }))).toBe('options.rto: must be at least 1, got 0');
    expect(faultOf((s) => (s.endpoints.server.delayedAck = 500))).toBe(
      'endpoints.server.delayedAck: must be at most 499 (RFC 9293 MUST-40: a delayed ACK waits less than 0.5 s), got 500',
    );
    expect(faultOf((s) => (s.network = { lossRate: 1.5 }))).toBe('network.lossRate: expected a probability from 0 to 1, got number 1.5');
    expect(faultOf((s) => (s.network = { drop: [{ from: 'client', nth: 0 }] }))).toBe('network.drop[0].nth: must be at least 1, got 0');
    expect(faultOf((s) => (s.network = { reorder: [{ from: 'client' }] }))).toBe('network.reorder[0].nth: missing (required)');
    expect(faultOf((s) => delete s.steps)).toBe('steps: missing (required)');
  });
});
