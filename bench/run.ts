/**
 * `npm run bench [-- FILTER]`: runs every `bench/*.bench.ts` (or those whose file name contains
 * FILTER) and prints one table. Single-threaded, so every figure is for one core.
 */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, Row } from './harness';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts') && (!filter || file.includes(filter)))
  .sort();

if (files.length === 0) {
  process.stderr.write(`bench: no bench file${filter ? ` matches "${filter}"` : ''} in bench/\n`);
  process.exit(2);
}

console.log(`TCP Lab bench: node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread\n`);
const sections: Array<{ title: string; rows: Row[] }> = [];
for (const file of files) {
  const bench = (await import(pathToFileURL(`${dir}${file}`).href)).default as Bench;
  const rows = await bench.run();
  sections.push({ title: `${bench.title} (${file})`, rows });
}

const width = (pick: (row: Row) => string) => Math.max(...sections.flatMap((s) => s.rows.map((row) => pick(row).length)));
const measureWidth = width((row) => row.measure);
const valueWidth = width((row) => row.value);
for (const { title, rows } of sections) {
  console.log(title);
  for (const row of rows) {
    console.log(`  ${row.measure.padEnd(measureWidth)}  ${row.value.padStart(valueWidth)}${row.detail ? `  ${row.detail}` : ''}`);
  }
  console.log('');
}
