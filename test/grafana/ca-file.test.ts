// readCaFile: a CA bundle is used only when every certificate in it is complete and parses; a
// truncated or badly concatenated file fails at once naming the file, not later as an untrusted
// certificate.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CaFileError, readCaFile } from '../../lib/grafana/ca-file.js';
import { selfSignedCertificate } from './fake-servers.js';

const cert = selfSignedCertificate();
const pem = readFileSync(cert.certFile, 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'grafts-ca-file-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(path.dirname(cert.certFile), { recursive: true, force: true });
});

function write(name: string, contents: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, contents);
  return file;
}

describe('readCaFile', () => {
  test('GIVEN two complete certificates THEN the bundle is returned as read', () => {
    const file = write('two.pem', pem + pem);
    expect(readCaFile(file)).toBe(pem + pem);
  });

  test('GIVEN a complete certificate followed by one cut off before its END line THEN it is refused naming the file and the certificate', () => {
    // GIVEN a bundle truncated in its second certificate (e.g. `head -c` of a system bundle)
    const truncated = pem + pem.slice(0, Math.floor(pem.length / 2));
    const file = write('truncated.pem', truncated);

    // WHEN reading it THEN it fails: the cut-off certificate would otherwise be dropped silently
    expect(() => readCaFile(file)).toThrow(CaFileError);
    expect(() => readCaFile(file)).toThrow(`${file}: certificate 2 of 2 is cut off: a "-----BEGIN CERTIFICATE-----" without its "-----END CERTIFICATE-----"`);
  });
});
