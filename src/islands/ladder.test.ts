import { describe, expect, it } from 'vitest';
import './scenarios';
import { readFileSync } from 'node:fs';
import { renderLadder } from './ladder';
import { openSession } from './session';

// Vitest blanks CSS imports, ?raw included; the browser gets this file through Vite.
const ladderCss = readFileSync(new URL('./ladder.css', import.meta.url), 'utf8');

const run = (scenario: string) => openSession({ scenario, edits: [], step: 0 });
const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

describe('the ladder diagram', () => {
  it('draws every segment of the normal open and close as a delivered arrow with flags, seq, ack and len', () => {
    const { trace, names } = run('normal-open-close');
    const svg = renderLadder(trace.events, { names });
    const sends = trace.events.filter((event) => event.type === 'send').length;
    expect(count(svg, /<g class="segment [^"]*is-delivered/g)).toBe(sends);
    expect(svg).toContain('SYN seq=1000 len=0');
    expect(svg).toContain('SYN,ACK seq=5000 ack=1001 len=0');
    expect(svg).not.toMatch(/<g class="segment [^"]*is-lost/);
    expect(svg).toContain('>TIME-WAIT<');
  });

  it('cuts the lost final ACK short with a ×, and shows the retransmitted FIN and the restarted 2MSL timer', () => {
    const { trace, names } = run('lost-final-ack');
    const svg = renderLadder(trace.events, { names });
    expect(count(svg, /<g class="segment [^"]*is-lost/g)).toBe(1);
    expect(svg).toMatch(/<g class="segment [^"]*is-lost[^"]*" data-from="client" data-flags="ACK">/);
    expect(count(svg, /class="lost-mark"/g)).toBe(1);
    expect(count(svg, /data-from="server" data-flags="FIN,ACK"/g)).toBe(2);
    // Two 2MSL bars on the client: the first stopped by the retransmitted FIN, the second running to the end.
    expect(count(svg, /<g class="timer timer-timeWait/g)).toBe(2);
  });

  it('draws only what has happened so far, with the segment still in flight dashed and no arrow head', () => {
    const { trace, names } = run('normal-open-close');
    expect(renderLadder(trace.events, { names, shown: 0 })).not.toContain('class="segment');
    const firstSend = trace.events.findIndex((event) => event.type === 'send');
    const svg = renderLadder(trace.events, { names, shown: firstSend + 1 });
    expect(count(svg, /<g class="segment [^"]*is-in-flight/g)).toBe(1);
    expect(svg).not.toContain('class="head"');
    expect(svg).toContain('class="now-line"');
  });

  it('shows a forged segment as forged, from nobody', () => {
    const { trace, names } = run('rst-injection-exact');
    const svg = renderLadder(trace.events, { names });
    expect(svg).toMatch(/<g class="segment [^"]*is-forged/);
    expect(svg).toContain('forged RST');
  });

  it('makes a standalone file that names the SVG namespace and its own background', () => {
    const { trace, names } = run('normal-open-close');
    const svg = renderLadder(trace.events, { names, standalone: true, css: ladderCss, title: 'Normal <open> & close' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Normal &lt;open&gt; &amp; close</title>');
    expect(svg).toContain('class="background"');
    expect(svg).toContain('<style><![CDATA[');
    expect(svg).toContain('.tcp-ladder .segment.is-lost');
  });
});
