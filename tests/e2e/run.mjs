// run.mjs: runs the browser test files, several at once, for `make check`.
//
//   node tests/e2e/run.mjs [FILE...]
//
// `node --test` runs one file at a time on two cores (availableParallelism
// - 1); a browser test mostly waits on Chromium and the server, so two at
// once finish sooner. Each file still runs in its own process with its own
// server, database and browser (harness.mjs). CCSCAP_E2E_JOBS sets how
// many run at once (1..8; default: the cores, at most 4). TAP output, as
// `node --test` prints it; exit status 1 when a test fails.
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function jobs() {
  const value = process.env.CCSCAP_E2E_JOBS;
  if (value === undefined || value === '') return Math.min(availableParallelism(), 4);
  if (!/^[1-8]$/.test(value)) {
    console.error(`run.mjs: CCSCAP_E2E_JOBS must be 1..8, got '${value}'`);
    process.exit(2);
  }
  return Number(value);
}

const files = process.argv.length > 2
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()
    .map((f) => join(here, f));
if (files.length === 0) {
  console.error('run.mjs: no test files');
  process.exit(2);
}

let failed = 0;
const stream = run({ files, concurrency: jobs() });
stream.on('test:fail', () => { failed++; });
stream.on('end', () => { process.exitCode = failed > 0 ? 1 : 0; });
stream.compose(tap).pipe(process.stdout);
