#!/usr/bin/env node
// Entry point of the `mmu-notifier` command: loads tsx so the TypeScript
// sources run without a build step, then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { exitWhenLauncherGone } = await import('../src/cli/launcher-watch.ts');
exitWhenLauncherGone(); // npm/npx do not pass SIGTERM on: end with them (src/cli/launcher-watch.ts)
process.exitCode = await main(process.argv.slice(2));
