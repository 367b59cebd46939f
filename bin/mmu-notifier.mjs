#!/usr/bin/env node
// Entry point of the `mmu-notifier` command: loads tsx so the TypeScript
// sources run without a build step, then hands over to the CLI.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig, wherever the command is run from: its paths map the
// runner's package name to its sources.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
const { exitWhenLauncherGone } = await import('../src/cli/launcher-watch.ts');
exitWhenLauncherGone(); // npm/npx do not pass SIGTERM on: end with them (src/cli/launcher-watch.ts)
process.exitCode = await main(process.argv.slice(2));
