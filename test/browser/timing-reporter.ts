// Prints each spec file's time (the sum of its tests, retries included) and the suite's wall time, after
// Playwright's own list: where the browser suite's minutes go, on every run.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class TimingReporter implements Reporter {
  #bySpec = new Map<string, { ms: number; tests: number }>();
  #started = performance.now();

  onTestEnd(test: TestCase, result: TestResult): void {
    const spec = test.location.file.replace(/^.*test\/browser\//, '');
    const entry = this.#bySpec.get(spec) ?? { ms: 0, tests: 0 };
    entry.ms += result.duration;
    entry.tests++;
    this.#bySpec.set(spec, entry);
  }

  onEnd(result: FullResult): void {
    const rows = [...this.#bySpec].sort((a, b) => b[1].ms - a[1].ms);
    const width = Math.max(...rows.map(([s]) => s.length), 4);
    const lines = rows.map(([spec, { ms, tests }]) => `  ${spec.padEnd(width)}  ${(ms / 1000).toFixed(1).padStart(6)} s  (${tests} test${tests === 1 ? '' : 's'})`);
    const total = (performance.now() - this.#started) / 1000;
    console.log(`\nTime per spec:\n${lines.join('\n')}\nBrowser suite: ${total.toFixed(0)} s (${(total / 60).toFixed(1)} min), ${result.status}`);
  }
}
