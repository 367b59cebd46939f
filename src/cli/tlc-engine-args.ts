/**
 * The options of how TLC runs, shared by `tlc` and `check`: worker threads,
 * heap, fingerprint set, and TLC's distributed mode (TLCServer + TLCWorkers).
 */
import { loopbackOnly, TlcSetupError, type TlcRunHandle, type TlcRunOptions } from 'tla2tools-runner';

/** parseArgs specs of the engine options. */
export const ENGINE_OPTIONS = {
  workers: { type: 'string' },
  heap: { type: 'string' },
  fp: { type: 'string' },
  fpbits: { type: 'string' },
  fpmem: { type: 'string' },
  distributed: { type: 'boolean' },
  'local-workers': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
} as const;

/** The help lines of the engine options (two-space indent, as the commands' help). */
export const ENGINE_HELP = `  --workers N|auto TLC worker threads (default 1); auto = one per core. With
                   --distributed: threads of each local TLCWorker
  --heap SIZE      Java heap for TLC, e.g. 4g (-Xmx4g)
  --fp N           fingerprint polynomial 0..130 (-fp)
  --fpbits N       2^N nested fingerprint sets, 0..30 (-fpbits; TLC's default 1)
  --fpmem F        fraction (0, 1] of the heap for fingerprints (-fpmem; default 0.25)
  --distributed    run TLC's distributed mode: a TLCServer plus TLCWorker JVMs over RMI
  --local-workers K  TLCWorkers to start on this machine (default 2; 0: only remote ones)
  --port P         the server's RMI port (default: a free one)
  --host H         the address workers reach the server at (default 127.0.0.1; give this
                   machine's address when workers join from other machines)`;

/** The parsed values of the engine options. */
export interface EngineValues {
  workers?: string | undefined;
  heap?: string | undefined;
  fp?: string | undefined;
  fpbits?: string | undefined;
  fpmem?: string | undefined;
  distributed?: boolean | undefined;
  'local-workers'?: string | undefined;
  port?: string | undefined;
  host?: string | undefined;
}

function wholeNumber(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new TlcSetupError(`${flag} must be a whole number from ${min} to ${max}, got '${text}'.`);
  return n;
}

function workerCount(text: string | undefined): number | 'auto' | undefined {
  if (text === undefined || text === 'auto') return text;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 1024) throw new TlcSetupError(`--workers must be a whole number from 1 to 1024 or 'auto', got '${text}'.`);
  return n;
}

function fraction(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !(n > 0 && n <= 1)) throw new TlcSetupError(`--fpmem must be a fraction of the heap in (0, 1], e.g. 0.5, got '${text}'.`);
  return n;
}

/**
 * The run options the engine flags ask for (only those given).
 * @throws TlcSetupError on a bad number, or a distributed flag without --distributed.
 */
export function engineOptions(values: EngineValues): Partial<TlcRunOptions> {
  const workers = workerCount(values.workers);
  const fp = wholeNumber(values.fp, '--fp', 0, 130);
  const fpBits = wholeNumber(values.fpbits, '--fpbits', 0, 30);
  const fpMem = fraction(values.fpmem);
  const localWorkers = wholeNumber(values['local-workers'], '--local-workers', 0, 64);
  const port = wholeNumber(values.port, '--port', 1, 65535);
  if (!values.distributed && (localWorkers !== undefined || port !== undefined || values.host !== undefined)) {
    throw new TlcSetupError('--local-workers, --port and --host go with --distributed.');
  }
  return {
    ...(workers !== undefined ? { workers } : {}),
    ...(values.heap !== undefined ? { heap: values.heap } : {}),
    ...(fp !== undefined ? { fp } : {}),
    ...(fpBits !== undefined ? { fpBits } : {}),
    ...(fpMem !== undefined ? { fpMem } : {}),
    ...(values.distributed
      ? { distributed: { ...(localWorkers !== undefined ? { localWorkers } : {}), ...(port !== undefined ? { port } : {}), ...(values.host !== undefined ? { host: values.host } : {}) } }
      : {}),
  };
}

/** The lines that tell the user where a distributed run's server listens and how to add a worker from elsewhere. */
export function distributedBanner(handle: Pick<TlcRunHandle, 'distributed'>, label = 'TLCServer'): string | null {
  const d = handle.distributed;
  if (!d) return null;
  const head = `${label}: RMI port ${d.port} at ${d.host}, ${d.localWorkers} local TLCWorker(s).`;
  if (loopbackOnly(d)) return `${head} Only workers on this machine can join; for workers elsewhere start with --host <this machine's address>.`;
  return `${head} To add a worker on another machine (same TLC jar), run there:\n  ${d.joinCommand}`;
}
