import * as fs from 'fs';
import * as path from 'path';

/**
 * Written into an output folder whose synthesis failed, next to the files of the previous run, which
 * no longer match the code — removed by the next synthesis that passes. The library deletes nothing
 * else: the files there may be the frameworks' or the user's.
 */
export const FAILED_MARKER = 'SYNTHESIS-FAILED.txt';

/** Mark each folder that holds output of an earlier run (an empty or missing folder needs no mark). */
export function markFailed(dirs: ReadonlyArray<string>, problems: ReadonlyArray<string>): void {
  for (const dir of dirs) {
    if (!holdsFiles(dir)) continue;
    fs.writeFileSync(
      path.join(dir, FAILED_MARKER),
      [
        'The last synthesis failed; the other files in this folder are from an earlier run and do not',
        'match the code. Fix the problems below and synthesize again (this file is then removed).',
        '',
        ...problems.map((p) => `- ${p}`),
        '',
      ].join('\n'),
    );
  }
}

/** Remove the mark of a failed run, where there is one. */
export function clearFailed(dirs: ReadonlyArray<string>): void {
  for (const dir of dirs) {
    fs.rmSync(path.join(dir, FAILED_MARKER), { force: true });
  }
}

/** Whether `dir` holds a file other than the mark (empty folders do not count). */
function holdsFiles(dir: string): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) =>
    e.isDirectory() ? holdsFiles(path.join(dir, e.name)) : e.name !== FAILED_MARKER,
  );
}
