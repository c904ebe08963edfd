// The project folder. This module is one level below it in src/, and bundled code is one level below it in
// dist/ (scripts/build.mjs), so the same relative path works whether the source or the build runs.
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
