// Fails when src/lib/api-schema.d.ts is not what openapi-typescript makes from
// openapi.json today, i.e. someone changed the API and forgot `make gen-api`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'src/lib/api-schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'samspill-api-'));
const fresh = join(dir, 'api-schema.d.ts');
try {
  execFileSync(join(root, 'node_modules/.bin/openapi-typescript'), ['openapi.json', '-o', fresh], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    // a missing file is stale too
  }
  if (readFileSync(fresh, 'utf8') !== current) {
    console.error('API types are stale: run make gen-api');
    process.exitCode = 1;
  } else {
    console.log('API types are up to date.');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
