import { DASHBOARD_GROUP } from '../../grafana/discover.js';
import type { GrafanaClient } from '../../grafana/grafana-client.js';
import { isPlainObject } from '../../model/deep-merge.js';
import { CONTENT_HASH_ANNOTATION, hashAsAnnotation, hashFromAnnotation, MANAGER_ANNOTATIONS } from '../managed-marker.js';
import { requestShaped, typedAs } from '../../grafana/expect-shape.js';
import { K8S_OBJECT, type K8sObject } from './grafana-shapes.js';

/** A dashboard object as `/apis/dashboard.grafana.app` returns it. */
export interface K8sDashboardObject extends K8sObject {
  status?: { conversion?: { failed?: boolean; storedVersion?: string; error?: string } };
}

/** One dashboard as a {@link K8sDashboardStore} reads it. */
export interface K8sDashboardRead {
  readonly object: K8sDashboardObject;
  /** The JSON grafts compares: the classic spec with `uid`, or the v2 spec with the content hash put back under its key. */
  readonly json: Record<string, unknown>;
  /** `metadata.generation`. */
  readonly version?: number;
  readonly folderUid?: string;
  /** `status.conversion.storedVersion`, when the server converted. */
  readonly storedVersion?: string;
  /** `status.conversion.error` (or a generic text) when the conversion failed: the spec is a default, not the dashboard. */
  readonly conversionError?: string;
}

const FOLDER_ANNOTATION = 'grafana.app/folder';
const MESSAGE_ANNOTATION = 'grafana.app/message';
/** Top-level v2 spec arrays Go may serialise as `null` (grafana-v2.md §2.2); read as `[]`. */
const V2_ARRAY_KEYS = ['tags', 'annotations', 'links', 'variables'];

/** Conversions between the v2 spec grafts renders and the shape of one API version. */
export interface WireShape {
  toWire(spec: Record<string, unknown>): Record<string, unknown>;
  fromWire(spec: Record<string, unknown>): Record<string, unknown>;
}

const SAME_SHAPE: WireShape = { toWire: (spec) => spec, fromWire: (spec) => spec };

/** Whether a `dashboard.grafana.app` version holds the schema v2 layout model. */
export function isV2ApiVersion(version: string | undefined): boolean {
  return typeof version === 'string' && /^v2/.test(version);
}

/**
 * One `/apis/dashboard.grafana.app/<version>` dashboard API: classic JSON (`v1`, `v1beta1`,
 * `v0alpha1`) or schema v2 (`v2`, `v2beta1`). It builds paths and bodies and reads objects into the
 * form grafts compares; the Grafana target decides what to read and write (ownership, conflicts).
 *
 * @example
 * const v2 = new K8sDashboardStore(client, 'default', 'v2', (spec) => spec);
 * await v2.read('checkout'); // → { json: { title: 'Checkout', elements: {…}, layout: {…}, graftsContentHash: '…' }, version: 3, … }
 */
export class K8sDashboardStore {
  readonly family: 'v1' | 'v2';

  /**
   * @param wire turns a v2 spec as grafts renders it (v2) into this version's shape and back
   *   (v2beta1 differs in transformations); identity for classic versions and v2.
   */
  constructor(
    readonly client: GrafanaClient,
    readonly namespace: string,
    readonly apiVersion: string,
    private readonly wire: WireShape = SAME_SHAPE,
  ) {
    this.family = isV2ApiVersion(apiVersion) ? 'v2' : 'v1';
  }

  /** `…/namespaces/<ns>/dashboards[/<name>]`. */
  path(name?: string): string {
    const base = `/apis/${DASHBOARD_GROUP}/${this.apiVersion}/namespaces/${encodeURIComponent(this.namespace)}/dashboards`;
    return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
  }

  /** GET one dashboard; undefined on 404. */
  async read(name: string): Promise<K8sDashboardRead | undefined> {
    const res = await requestShaped(
      this.client,
      { method: 'GET', path: this.path(name), accept: [404], resource: 'dashboard' },
      typedAs<K8sDashboardObject>(K8S_OBJECT),
    );
    if (res.status === 404) return undefined;
    return this.readObject(res.data, name);
  }

  /** The comparable form of an object this API returned (a GET or a LIST item). */
  readObject(object: K8sDashboardObject, name: string): K8sDashboardRead {
    const meta = object.metadata ?? {};
    const conversion = object.status?.conversion;
    const spec = isPlainObject(object.spec) ? { ...object.spec } : {};
    let json: Record<string, unknown>;
    if (this.family === 'v2') {
      for (const key of V2_ARRAY_KEYS) if (spec[key] === null) spec[key] = [];
      json = hashFromAnnotation(this.wire.fromWire(spec), meta.annotations);
    } else {
      json = { ...spec, uid: name };
    }
    const folderUid = meta.annotations?.[FOLDER_ANNOTATION] || undefined;
    return {
      object,
      json,
      ...(typeof meta.generation === 'number' && { version: meta.generation }),
      ...(folderUid !== undefined && { folderUid }),
      ...(typeof conversion?.storedVersion === 'string' && conversion.storedVersion !== '' && { storedVersion: conversion.storedVersion }),
      ...(conversion?.failed === true && { conversionError: conversion.error || 'the server could not convert it' }),
    };
  }

  /**
   * The body of a create (no `current`) or replace (`current` as read, its resourceVersion sent
   * for optimistic concurrency) of `json` as grafts writes it (marker included): Grafana's manager
   * annotations, the save message, the folder; for v2 the content hash moves to an annotation.
   */
  body(
    name: string,
    json: Readonly<Record<string, unknown>>,
    folderUid: string | undefined,
    message: string,
    current?: K8sDashboardObject,
  ): Record<string, unknown> {
    const meta = current?.metadata ?? {};
    const annotations: Record<string, string> = { ...(meta.annotations ?? {}), ...MANAGER_ANNOTATIONS, [MESSAGE_ANNOTATION]: message };
    if (folderUid) annotations[FOLDER_ANNOTATION] = folderUid;
    else delete annotations[FOLDER_ANNOTATION];
    let spec: Record<string, unknown>;
    if (this.family === 'v2') {
      const { uid: _uid, ...rest } = json as Record<string, unknown>;
      const split = hashAsAnnotation(rest);
      delete annotations[CONTENT_HASH_ANNOTATION];
      Object.assign(annotations, split.annotations);
      spec = this.wire.toWire(split.spec);
    } else {
      const { version: _v, id: _id, uid: _uid, ...rest } = json as Record<string, unknown>;
      delete annotations[CONTENT_HASH_ANNOTATION];
      spec = rest;
    }
    return {
      apiVersion: `${DASHBOARD_GROUP}/${this.apiVersion}`,
      kind: 'Dashboard',
      metadata: {
        name,
        ...(meta.resourceVersion !== undefined && { resourceVersion: meta.resourceVersion }),
        annotations,
        ...(meta.labels && { labels: meta.labels }),
      },
      spec,
    };
  }
}
