/** The project checkout the conformance tests run in. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPaths } from '../../src/codegen/suite.ts';

/** Paths of this checkout (repository root two levels up). */
export const PATHS = projectPaths(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'));
