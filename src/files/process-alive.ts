/**
 * Whether a process of this machine still exists: signal 0 checks existence
 * and permission without sending anything. EPERM means it exists but belongs
 * to another user, which still counts as alive.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
