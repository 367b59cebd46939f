/**
 * GitHub Actions workflow commands for models that did not behave as the
 * manifest expects: `::error file=…,line=…,title=…::message`, pointing at the
 * definition of the violated property (or at the model's cfg when TLC named
 * none), so the mismatch shows on the spec line in the pull request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A place in a file of the repository. */
export interface SourceLocation {
  /** Path relative to the repository root, with forward slashes. */
  readonly file: string;
  readonly line: number;
}

/** Where `Name ==` (or `Name(args) ==`) is defined in the .tla files of `specDir`, or null. */
export function findDefinition(name: string, specDir: string, repoRoot: string): SourceLocation | null {
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(\\(.*\\))?\\s*==`);
  for (const file of readdirSync(specDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tla')).sort()) {
    const lines = readFileSync(join(specDir, file), 'utf8').split('\n');
    const index = lines.findIndex((l) => pattern.test(l));
    if (index >= 0) return { file: relative(repoRoot, join(specDir, file)).split('\\').join('/'), line: index + 1 };
  }
  return null;
}

/** GitHub's escaping of workflow-command data and properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One mismatch as an error annotation. */
export function errorAnnotation(where: SourceLocation, title: string, message: string): string {
  return `::error file=${escapeProperty(where.file)},line=${where.line},title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** Whether the process runs inside GitHub Actions. */
export function inGithubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}
