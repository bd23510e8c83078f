/**
 * Properties of Kubernetes name derivation and validation: every uid (and any string) gives a
 * valid DNS-1123 name, distinct uids give distinct names, derivation is stable, and the
 * validators agree with Kubernetes' own regular expressions.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  kubernetesName,
  labelKeyProblem,
  labelValueProblem,
} from '../../../lib/sync/targets/kubernetes/kubernetes-names.js';
import { ruleObjectName } from '../../../lib/sync/targets/kubernetes/kubernetes-rule-target.js';

/** A Grafana uid: 1–40 of letters, digits, `-`, `_`. */
const grafanaUid = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
// Kubernetes' own expressions (apimachinery validation.go), as the oracle.
const K8S_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const K8S_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const K8S_QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

describe('kubernetesName', () => {
  test('GIVEN any Grafana uid WHEN named THEN the name is a DNS-1123 label (so also a subdomain) of at most 49 characters', () => {
    fc.assert(
      fc.property(grafanaUid, (uid) => {
        const name = kubernetesName(uid);
        expect(dns1123LabelProblem(name)).toBeUndefined();
        expect(dns1123SubdomainProblem(name)).toBeUndefined();
        expect(name.length).toBeLessThanOrEqual(49);
      }),
      { numRuns: 500 },
    );
  });

  test('GIVEN any string, unicode and control characters included WHEN named THEN the name is a DNS-1123 label up to the length of the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (id) => {
        const name = kubernetesName(id);
        expect(K8S_LABEL.test(name)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('GIVEN two different uids (case and "_" variants included) WHEN named THEN the names differ', () => {
    const variants = grafanaUid.chain((uid) =>
      fc.tuple(fc.constant(uid), fc.constantFrom(uid.toUpperCase(), uid.toLowerCase(), uid.replace(/-/g, '_'), uid.replace(/_/g, '-'), `${uid}x`)),
    );
    fc.assert(
      fc.property(fc.oneof(variants, fc.tuple(grafanaUid, grafanaUid)), ([a, b]) => {
        fc.pre(a !== b);
        expect(kubernetesName(a)).not.toBe(kubernetesName(b));
      }),
      { numRuns: 1000 },
    );
  });

  test('GIVEN a uid that is already a valid name WHEN named THEN it is kept as it is, and naming is idempotent', () => {
    fc.assert(
      fc.property(grafanaUid, (uid) => {
        const name = kubernetesName(uid);
        expect(kubernetesName(name)).toBe(name);
        if (K8S_LABEL.test(uid)) expect(name).toBe(uid);
        else expect(name).toMatch(/-[0-9a-f]{8}$/);
      }),
      { numRuns: 500 },
    );
  });

  test('GIVEN rule groups WHEN named THEN namespace and group never run together into one name', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.string({ minLength: 1, maxLength: 30 }),
        (ns1, g1, ns2, g2) => {
          fc.pre(ns1 !== ns2 || g1 !== g2);
          expect(ruleObjectName(ns1, g1)).not.toBe(ruleObjectName(ns2, g2));
          expect(dns1123SubdomainProblem(ruleObjectName(ns1, g1))).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
    expect(ruleObjectName('a-b', 'c')).not.toBe(ruleObjectName('a', 'b-c'));
  });

  test('GIVEN a prefix that makes the name too long WHEN validated THEN the problem says the limit', () => {
    const name = kubernetesName('checkout', `${'p'.repeat(250)}-`);
    expect(dns1123SubdomainProblem(name)).toBe(`must be at most 253 characters (DNS-1123 subdomain), has ${name.length}`);
  });
});

describe('validators agree with Kubernetes', () => {
  const text = fc.string({ unit: fc.constantFrom(...'aZ09-._/ é'.split('')), maxLength: 70 });
  test('GIVEN any text WHEN checked as subdomain, label, label key and value THEN the verdict is the regular expression and length rule of Kubernetes', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(dns1123SubdomainProblem(s) === undefined).toBe(s.length <= 253 && K8S_SUBDOMAIN.test(s));
        expect(dns1123LabelProblem(s) === undefined).toBe(s.length <= 63 && K8S_LABEL.test(s));
        expect(labelValueProblem(s) === undefined).toBe(s === '' || (s.length <= 63 && K8S_QUALIFIED_NAME.test(s)));
        const parts = s.split('/');
        const validKey =
          parts.length === 1
            ? s.length <= 63 && K8S_QUALIFIED_NAME.test(s)
            : parts.length === 2 && parts[0]!.length <= 253 && K8S_SUBDOMAIN.test(parts[0]!) && parts[1]!.length <= 63 && K8S_QUALIFIED_NAME.test(parts[1]!);
        expect(labelKeyProblem(s) === undefined).toBe(validKey);
      }),
      { numRuns: 2000 },
    );
  });
});
