/** The hint of every import error: imports are all or nothing, so a failed one wrote no file. */
export const NOTHING_WRITTEN = 'nothing was written';
