/**
 * The error model: {@link GraftsError} is what the user can act on (the CLI prints its message
 * and hint); {@link HttpError} is a failed request to a server, which every client's errors extend.
 */
export { GraftsError, isGraftsError, type GraftsErrorOptions } from './grafts-error.js';
export { HttpError, type HttpErrorInit } from './http-error.js';
export { problemList } from './problem-list.js';
