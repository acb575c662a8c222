/** Rewrites docs/admission.md: `npx tsx policies/admission/generate-doc.ts`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMISSION_DOC_PATH, admissionDoc } from './docs';

writeFileSync(join(__dirname, '..', '..', ADMISSION_DOC_PATH), admissionDoc());
console.log(`wrote ${ADMISSION_DOC_PATH}`);
