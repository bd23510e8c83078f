/**
 * Whether a process with this pid exists (signal 0 probes without sending anything). A process
 * we may not signal (`EPERM`) exists too.
 *
 * @example
 * isProcessAlive(process.pid); // → true
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
