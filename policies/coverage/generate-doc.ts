/** Rewrites docs/rule-coverage.md: `npx tsx policies/coverage/generate-doc.ts`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COVERAGE_DOC_PATH, coverageDoc } from './docs';

writeFileSync(join(__dirname, '..', '..', COVERAGE_DOC_PATH), coverageDoc());
console.log(`wrote ${COVERAGE_DOC_PATH}`);
