/**
 * `/tcp-machine.json`: the machine every diagram, table and simulation on the site is built from,
 * exactly as `npm run -s machine` prints it, for readers who want to cite or reuse it.
 */
import type { APIRoute } from 'astro';
import { machine } from '../machine/definition';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(machine, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
