// Child process for the signal test: starts TLC on a spec that never ends,
// prints `{pid, tempDir}` of the java run once it is running, then waits to be
// killed by the test (SIGTERM / SIGINT / SIGKILL). With --distributed: TLC's
// distributed mode with 2 local workers, reported once a worker registered.
import { dirname, join, resolve } from 'node:path';
import { runTlc } from 'tla2tools-runner';

const root = resolve(import.meta.dirname, '..', '..', '..');
const distributed = process.argv.includes('--distributed');
const handle = runTlc({
  spec: join(root, 'test', 'fixtures', 'tlc', 'Forever.tla'),
  jarRecordFile: join(root, '.tlc', 'tlc.json'),
  ...(distributed ? { distributed: { localWorkers: 2 } } : {}),
});
const metadir = handle.command.args[handle.command.args.indexOf('-metadir') + 1]!;
for await (const e of handle.events) {
  if (distributed ? e.type === 'message' && e.code === 7001 : e.type === 'initialStates') {
    process.stdout.write(`${JSON.stringify({ tempDir: dirname(metadir) })}\n`);
    break;
  }
}
await handle.result;
