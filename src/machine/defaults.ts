/**
 * An endpoint's defaults, defined once: the scenario format (src/simulator/scenario.ts), the explorer and the
 * capture replay start from these.
 */
import type { EndpointConfig } from './types';

/** Everything of an EndpointConfig but the ISS and the optional delayed ACK. */
export type EndpointDefaults = Omit<EndpointConfig, 'iss' | 'delayedAck'>;

export const ENDPOINT_DEFAULTS: Readonly<EndpointDefaults> = {
  /** 30 s: TIME-WAIT then lasts 60 s, Linux's TCP_TIMEWAIT_LEN. */
  msl: 30_000,
  /** RFC 6298 §2.1: 1 s. */
  rto: 1000,
  /** Linux tcp_syn_retries. */
  synRetries: 6,
  /** Linux tcp_retries2. */
  retries: 15,
  window: 65_535,
  mss: 1460,
};

/** The ISS of an endpoint a scenario does not give one: 1000 for the first endpoint listed, 5000 for the second. */
export const DEFAULT_ISS: readonly [number, number] = [1000, 5000];
