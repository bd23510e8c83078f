/**
 * The file `dash pull` writes into each folder directory of its output to say which Grafana
 * folder the directory is, and `dash import` reads to put `.folder(...)` on what it imports.
 *
 * @example
 * // pulled/payments/.folder.json
 * { "uid": "payments", "title": "Payments" }
 */
export const PULLED_FOLDER_FILE = '.folder.json';

/** The content of a {@link PULLED_FOLDER_FILE}. */
export interface PulledFolderInfo {
  readonly uid: string;
  readonly title: string;
}
