import { fileURLToPath } from 'node:url';

/** The repository root, resolved from this file's location (not the working directory). */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
