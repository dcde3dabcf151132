/**
 * The scenario format (issue 2, a public interface) and its validation.
 *
 * Validation is written by hand rather than with a schema library because this
 * file ships to the browser with the islands. Every fault names the JSON path
 * and what is wrong: `steps[2].endpoint: unknown endpoint "sever" (expected "client" or "server")`.
 *
 * Optional additions to the issue's format (all documented in the README):
 * - `options.mss` (default 1460) and per-endpoint overrides of any option but `delay`;
 * - `network.reorder: [{ from, nth, extraDelay? }]`: that segment is delayed past the next one
 *   its sender sends (or by exactly `extraDelay` ms when given);
 * - `network.duplicate[].extraDelay`: the copy arrives that many ms after the original (default 0);
 * - a per-step `note`, shown by the islands beside the step;
 * - `i18n: { "zh-cn": { title?, description? } }`: the title and description in another language of the site
 *   (the top-level `title` and `description` are English).
 */
import { CALLS, FLAGS, type Call, type Flag, type EndpointConfig } from '../machine/types';
import { LOCALES } from '../i18n/locales';
import { DEFAULT_ISS, ENDPOINT_DEFAULTS } from '../machine/defaults';

/** Options shared by both endpoints; every one can be overridden per endpoint except `delay`. */
export interface ScenarioOptions {
  /** One-way network delay in ms. */
  delay: number;
  /** Maximum segment lifetime in ms; TIME-WAIT lasts 2 × msl. */
  msl: number;
  /** Initial retransmission timeout in ms (RFC 6298: 1 s), doubled on every retry. */
  rto: number;
  /** SYN retransmissions before giving up (Linux tcp_syn_retries). */
  synRetries: number;
  /** Data/FIN retransmissions before giving up (Linux tcp_retries2). */
  retries: number;
  /** Receive window advertised. */
  window: number;
  /** Largest payload per segment. */
  mss: number;
}

export const DEFAULT_OPTIONS: Readonly<ScenarioOptions> = { delay: 50, ...ENDPOINT_DEFAULTS };

/** One endpoint: its ISS, an optional delayed ACK, and optional overrides of the shared options. */
export interface EndpointSpec extends Partial<Omit<ScenarioOptions, 'delay'>> {
  /** Initial send sequence number. Default: 1000 for the first endpoint listed, 5000 for the second. */
  iss: number;
  /** Delayed-ACK timeout in ms (< 500, RFC 9293 MUST-40); absent means ACK at once. */
  delayedAck?: number;
}

/** Picks the nth segment (counting from 1, retransmissions included) that `from` sends. */
export interface SegmentRule {
  from: string;
  nth: number;
}

export interface DuplicateRule extends SegmentRule {
  /** The copy arrives this many ms after the original. Default 0: right after it. */
  extraDelay?: number;
}

export interface ReorderRule extends SegmentRule {
  /** Deliver this many ms late. Absent: hold it until the sender's next segment has arrived, then deliver it right after. */
  extraDelay?: number;
}

export interface NetworkSpec {
  drop: SegmentRule[];
  duplicate: DuplicateRule[];
  reorder: ReorderRule[];
  /** Probability (0..1) that any other segment is lost, drawn from a PRNG seeded with `seed`. */
  lossRate: number;
  seed: number;
}

export interface CallStep {
  at: number;
  endpoint: string;
  call: Call;
  /** Bytes to SEND; only with `call: "send"`. */
  bytes?: number;
  note?: string;
}

/** A forged segment delivered to `to` as if its peer had sent it. */
export interface InjectedSegment {
  to: string;
  flags: Flag[];
  seq: number;
  /** Required exactly when `flags` has ACK. */
  ack?: number;
  len?: number;
  window?: number;
}

export interface InjectStep {
  at: number;
  inject: InjectedSegment;
  note?: string;
}

export type Step = CallStep | InjectStep;

/** A scenario's texts in a language other than English. */
export interface ScenarioTexts {
  title?: string;
  description?: string;
}

/** The languages a scenario may carry texts for: the site's, English excepted (it is the top-level fields). */
export const SCENARIO_TEXT_LANGUAGES = LOCALES.filter((locale) => locale !== 'en');

/** A validated scenario with every default filled in (endpoint overrides stay as written). */
export interface Scenario {
  /** English. */
  title?: string;
  /** English. */
  description?: string;
  /** Translations, keyed by language tag ("zh-cn"). */
  i18n?: Partial<Record<(typeof SCENARIO_TEXT_LANGUAGES)[number], ScenarioTexts>>;
  options: ScenarioOptions;
  endpoints: Record<string, EndpointSpec>;
  network: NetworkSpec;
  steps: Step[];
  /** Stop at this virtual time; absent: run until nothing is pending. */
  until?: number;
}

export class ScenarioError extends Error {
  constructor(
    /** Where the fault is, e.g. `steps[2].endpoint`; empty for the document itself. */
    readonly path: string,
    /** What is wrong, e.g. `unknown endpoint "sever" (expected "client" or "server")`. */
    readonly fault: string,
    /** The file or label the scenario came from, when known. */
    readonly source?: string,
  ) {
    super(path ? `${path}: ${fault}` : fault);
    this.name = 'ScenarioError';
  }
}

export function isInjectStep(step: Step): step is InjectStep {
  return 'inject' in step;
}

/** The configuration the reducer gets for one endpoint: shared options, then the endpoint's overrides. */
export function endpointConfig(scenario: Scenario, name: string): EndpointConfig {
  const { delay: _delay, ...shared } = scenario.options;
  const { iss, delayedAck, ...overrides } = scenario.endpoints[name]!;
  const config: EndpointConfig = { ...shared, ...overrides, iss };
  if (delayedAck !== undefined) config.delayedAck = delayedAck;
  return config;
}

const MAX_SEQ = 0xffff_ffff;

/** Parses and validates an already-decoded JSON value. Throws ScenarioError naming the path and the fault. */
export function parseScenario(json: unknown, source?: string): Scenario {
  const at: Reader = new Reader(source);
  const root = at.object(json, '', ['title', 'description', 'i18n', 'options', 'endpoints', 'network', 'steps', 'until']);

  const options = at.optionsWithDefaults(root.options, 'options');

  const endpointsJson = at.object(root.endpoints, 'endpoints', null, true);
  const names = Object.keys(endpointsJson);
  if (names.length !== 2) {
    at.fail('endpoints', `expected exactly two endpoints, got ${names.length}${names.length ? ` (${names.map(quote).join(', ')})` : ''}`);
  }
  const endpoints: Record<string, EndpointSpec> = {};
  names.forEach((name, index) => {
    endpoints[name] = at.endpoint(endpointsJson[name], `endpoints.${name}`, DEFAULT_ISS[index]!);
  });
  const endpointName = (value: unknown, path: string): string => {
    if (typeof value !== 'string') at.fail(path, `expected an endpoint name, got ${describe(value)}`);
    if (!names.includes(value)) at.fail(path, `unknown endpoint ${quote(value)} (expected ${names.map(quote).join(' or ')})`);
    return value;
  };

  const network = at.network(root.network, 'network', endpointName);

  const stepsJson = at.array(root.steps, 'steps', true);
  const steps = stepsJson.map((step, index) => at.step(step, `steps[${index}]`, endpointName));

  const scenario: Scenario = { options, endpoints, network, steps };
  if (root.title !== undefined) scenario.title = at.string(root.title, 'title');
  if (root.description !== undefined) scenario.description = at.string(root.description, 'description');
  if (root.i18n !== undefined) scenario.i18n = at.translations(root.i18n, 'i18n');
  if (root.until !== undefined) scenario.until = at.integer(root.until, 'until', 0);
  return scenario;
}

/** Decodes JSON text, then validates it; invalid JSON is a ScenarioError with an empty path. */
export function parseScenarioText(text: string, source?: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError('', `invalid JSON: ${(error as Error).message}`, source);
  }
  return parseScenario(json, source);
}

type JsonObject = Record<string, unknown>;

/** The checks, each throwing ScenarioError with the path it was given. */
class Reader {
  constructor(private readonly source?: string) {}

  fail(path: string, fault: string): never {
    throw new ScenarioError(path, fault, this.source);
  }

  /** `fields` null means any key is allowed (the endpoints map, keyed by name). */
  object(value: unknown, path: string, fields: readonly string[] | null, required = false): JsonObject {
    if (value === undefined) {
      if (required) this.fail(path, 'missing (required)');
      return {};
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `expected an object, got ${describe(value)}`);
    }
    if (fields) {
      for (const key of Object.keys(value)) {
        if (!fields.includes(key)) {
          this.fail(join(path, key), `unknown field (expected one of ${fields.join(', ')})`);
        }
      }
    }
    return value as JsonObject;
  }

  array(value: unknown, path: string, required = false): unknown[] {
    if (value === undefined) {
      if (required) this.fail(path, 'missing (required)');
      return [];
    }
    if (!Array.isArray(value)) this.fail(path, `expected an array, got ${describe(value)}`);
    return value;
  }

  translations(value: unknown, path: string): NonNullable<Scenario['i18n']> {
    const languages = this.object(value, path, null);
    const result: NonNullable<Scenario['i18n']> = {};
    for (const [language, textsJson] of Object.entries(languages)) {
      const known = SCENARIO_TEXT_LANGUAGES.find((candidate) => candidate === language);
      if (!known) {
        const why = language === 'en' ? ' (English is the top-level title and description)' : '';
        this.fail(join(path, language), `unknown language ${quote(language)}${why} (expected ${SCENARIO_TEXT_LANGUAGES.map(quote).join(', ')})`);
      }
      const texts = this.object(textsJson, join(path, language), ['title', 'description'], true);
      const entry: ScenarioTexts = {};
      if (texts.title !== undefined) entry.title = this.string(texts.title, join(join(path, language), 'title'));
      if (texts.description !== undefined) entry.description = this.string(texts.description, join(join(path, language), 'description'));
      result[known] = entry;
    }
    return result;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, `expected a string, got ${describe(value)}`);
    return value;
  }

  integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER, why = ''): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(path, `expected a number, got ${describe(value)}`);
    if (!Number.isInteger(value)) this.fail(path, `expected an integer, got ${value}`);
    if (value < min) this.fail(path, min === 0 ? `must not be negative, got ${value}` : `must be at least ${min}, got ${value}`);
    if (value > max) this.fail(path, `must be at most ${max}${why}, got ${value}`);
    return value;
  }

  optionsWithDefaults(value: unknown, path: string): ScenarioOptions {
    const json = this.object(value, path, Object.keys(DEFAULT_OPTIONS));
    const options = { ...DEFAULT_OPTIONS };
    for (const key of Object.keys(DEFAULT_OPTIONS) as Array<keyof ScenarioOptions>) {
      if (json[key] !== undefined) options[key] = this.option(key, json[key], join(path, key));
    }
    return options;
  }

  option(key: keyof ScenarioOptions, value: unknown, path: string): number {
    switch (key) {
      case 'delay':
      case 'synRetries':
      case 'retries':
      case 'window':
        return this.integer(value, path, 0, key === 'window' ? 0x3fff_c000 : Number.MAX_SAFE_INTEGER);
      case 'msl':
      case 'rto':
      case 'mss':
        return this.integer(value, path, 1);
    }
  }

  endpoint(value: unknown, path: string, defaultIss: number): EndpointSpec {
    const overridable = Object.keys(DEFAULT_OPTIONS).filter((key) => key !== 'delay') as Array<keyof EndpointSpec & keyof ScenarioOptions>;
    const json = this.object(value, path, ['iss', 'delayedAck', ...overridable], true);
    const spec: EndpointSpec = { iss: json.iss === undefined ? defaultIss : this.integer(json.iss, join(path, 'iss'), 0, MAX_SEQ) };
    if (json.delayedAck !== undefined) {
      spec.delayedAck = this.integer(json.delayedAck, join(path, 'delayedAck'), 1, 499, ' (RFC 9293 MUST-40: a delayed ACK waits less than 0.5 s)');
    }
    for (const key of overridable) {
      if (json[key] !== undefined) spec[key] = this.option(key, json[key], join(path, key));
    }
    return spec;
  }

  network(value: unknown, path: string, endpointName: (value: unknown, path: string) => string): NetworkSpec {
    const json = this.object(value, path, ['drop', 'duplicate', 'reorder', 'lossRate', 'seed']);
    const rules = <R extends SegmentRule>(field: 'drop' | 'duplicate' | 'reorder', extra: string[]): R[] =>
      this.array(json[field], join(path, field)).map((ruleJson, index) => {
        const rulePath = `${join(path, field)}[${index}]`;
        const rule = this.object(ruleJson, rulePath, ['from', 'nth', ...extra], true);
        if (rule.from === undefined) this.fail(join(rulePath, 'from'), 'missing (required)');
        if (rule.nth === undefined) this.fail(join(rulePath, 'nth'), 'missing (required)');
        const parsed: SegmentRule & { extraDelay?: number } = {
          from: endpointName(rule.from, join(rulePath, 'from')),
          nth: this.integer(rule.nth, join(rulePath, 'nth'), 1),
        };
        if (rule.extraDelay !== undefined) parsed.extraDelay = this.integer(rule.extraDelay, join(rulePath, 'extraDelay'), 0);
        return parsed as R;
      });
    const network: NetworkSpec = {
      drop: rules('drop', []),
      duplicate: rules('duplicate', ['extraDelay']),
      reorder: rules('reorder', ['extraDelay']),
      lossRate: 0,
      seed: 1,
    };
    if (json.lossRate !== undefined) {
      const rate = json.lossRate;
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
        this.fail(join(path, 'lossRate'), `expected a probability from 0 to 1, got ${describe(rate)}`);
      }
      network.lossRate = rate;
    }
    if (json.seed !== undefined) network.seed = this.integer(json.seed, join(path, 'seed'), 0, MAX_SEQ);
    return network;
  }

  step(value: unknown, path: string, endpointName: (value: unknown, path: string) => string): Step {
    const json = this.object(value, path, null, true);
    const isInject = 'inject' in json;
    this.object(json, path, isInject ? ['at', 'inject', 'note'] : ['at', 'endpoint', 'call', 'bytes', 'note']);
    if (json.at === undefined) this.fail(join(path, 'at'), 'missing (required)');
    const at = this.integer(json.at, join(path, 'at'), 0);
    const note = json.note === undefined ? undefined : this.string(json.note, join(path, 'note'));

    if (isInject) {
      const step: InjectStep = { at, inject: this.injected(json.inject, join(path, 'inject'), endpointName) };
      if (note !== undefined) step.note = note;
      return step;
    }

    if (json.endpoint === undefined) this.fail(join(path, 'endpoint'), 'missing (required unless the step is an inject)');
    const endpoint = endpointName(json.endpoint, join(path, 'endpoint'));
    if (json.call === undefined) this.fail(join(path, 'call'), 'missing (required)');
    if (typeof json.call !== 'string' || !(CALLS as readonly string[]).includes(json.call)) {
      this.fail(join(path, 'call'), `unknown call ${typeof json.call === 'string' ? quote(json.call) : describe(json.call)} (expected ${CALLS.join(', ')})`);
    }
    const call = json.call as Call;
    const step: CallStep = { at, endpoint, call };
    if (call === 'send') {
      if (json.bytes === undefined) this.fail(join(path, 'bytes'), 'missing (a send needs a positive number of bytes)');
      step.bytes = this.integer(json.bytes, join(path, 'bytes'), 1);
    } else if (json.bytes !== undefined) {
      this.fail(join(path, 'bytes'), `only a send carries bytes, not ${quote(call)}`);
    }
    if (note !== undefined) step.note = note;
    return step;
  }

  injected(value: unknown, path: string, endpointName: (value: unknown, path: string) => string): InjectedSegment {
    const json = this.object(value, path, ['to', 'flags', 'seq', 'ack', 'len', 'window'], true);
    for (const required of ['to', 'flags', 'seq']) {
      if (json[required] === undefined) this.fail(join(path, required), 'missing (required)');
    }
    const to = endpointName(json.to, join(path, 'to'));
    const flagsJson = this.array(json.flags, join(path, 'flags'));
    const flags = flagsJson.map((flag, index) => {
      const flagPath = `${join(path, 'flags')}[${index}]`;
      if (typeof flag !== 'string' || !(FLAGS as readonly string[]).includes(flag)) {
        this.fail(flagPath, `unknown flag ${typeof flag === 'string' ? quote(flag) : describe(flag)} (expected ${FLAGS.join(', ')})`);
      }
      if (flagsJson.indexOf(flag) !== index) this.fail(flagPath, `flag ${quote(flag)} given twice`);
      return flag as Flag;
    });
    // Canonical order, so that traces print "SYN,ACK" whatever order the file used.
    flags.sort((a, b) => FLAGS.indexOf(a) - FLAGS.indexOf(b));
    const segment: InjectedSegment = { to, flags, seq: this.integer(json.seq, join(path, 'seq'), 0, MAX_SEQ) };
    const hasAck = flags.includes('ACK');
    if (hasAck && json.ack === undefined) this.fail(join(path, 'ack'), 'missing (required when flags include ACK)');
    if (!hasAck && json.ack !== undefined) this.fail(join(path, 'ack'), 'given, but flags do not include ACK (the ACK field is only meaningful with the ACK flag)');
    if (json.ack !== undefined) segment.ack = this.integer(json.ack, join(path, 'ack'), 0, MAX_SEQ);
    if (json.len !== undefined) segment.len = this.integer(json.len, join(path, 'len'), 0);
    if (json.window !== undefined) segment.window = this.integer(json.window, join(path, 'window'), 0, 0x3fff_c000);
    return segment;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
