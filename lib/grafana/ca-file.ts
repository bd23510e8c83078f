import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraftsError } from '../errors/grafts-error.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?-----END CERTIFICATE-----/g;

/** A `caFile` that cannot be used: unreadable, or not PEM certificates. */
export class CaFileError extends GraftsError {}

/**
 * Reads a CA bundle and checks that it is one or more PEM certificates that parse, so that a
 * wrong file fails at start with its name instead of as an untrusted certificate later.
 *
 * @example
 * readCaFile('/etc/ssl/internal-ca.pem'); // → '-----BEGIN CERTIFICATE-----\n…'
 * readCaFile('/etc/hostname');           // throws CaFileError: /etc/hostname is not a PEM file: …
 *
 * @throws {CaFileError} unreadable, no certificate, a certificate cut off, or one that does not parse.
 */
export function readCaFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CaFileError(`cannot read the CA file ${file} (${code})`);
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new CaFileError(`${file} is not a PEM file: no "-----BEGIN CERTIFICATE-----" block`);
  }
  const begins = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  if (begins > blocks.length) {
    throw new CaFileError(
      `${file}: certificate ${blocks.length + 1} of ${begins} is cut off: a "-----BEGIN CERTIFICATE-----" without its "-----END CERTIFICATE-----" (a truncated or badly concatenated file)`,
    );
  }
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new CaFileError(`${file}: certificate ${i + 1} of ${blocks.length} does not parse (${error instanceof Error ? error.message : String(error)})`);
    }
  });
  return text;
}
