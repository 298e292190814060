import { writeFileSync } from 'node:fs';
import { renderErrorsDocument } from './errors-document.js';

/** Rewrites docs/errors.md (run from the repository root: `npm run docs:errors`). */
writeFileSync('docs/errors.md', renderErrorsDocument());
