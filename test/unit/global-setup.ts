// Generates the fixture models when a test run starts without them
// (`npm test` regenerates them anyway, through its pretest step).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  if (!existsSync('test/fixtures/models/catalog.json')) {
    execFileSync(process.execPath, ['scripts/make-fixtures.mjs'], { stdio: 'inherit' });
  }
}
