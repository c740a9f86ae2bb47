// Prints the line CI reads, `N passed, N failed`, from vitest's JSON report. A test file
// that failed before running any test (an import error) counts as one failure, so a
// broken file can never look like a smaller green run.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'vitest.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const brokenFiles = report.testResults.filter(
  (result) => result.status === 'failed' && !result.assertionResults.some((assertion) => assertion.status === 'failed'),
).length;
const passed = report.numPassedTests;
const failed = report.numFailedTests + brokenFiles;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
