import { fromV2beta1Spec } from '../../render/v2/from-v2beta1-spec.js';
import { toV2beta1Spec } from '../../render/v2/to-v2beta1-spec.js';
import type { DashboardV2Spec } from '../../render/v2/dashboard-v2-spec.js';
import type { WireShape } from './k8s-dashboard-store.js';

/**
 * `dashboard.grafana.app/v2beta1` (Grafana 12.x, file provisioning): grafts writes v2 specs in
 * that shape and reads them back as v2, so plans compare the v2 grafts renders. Reading a v2 spec
 * with it is harmless (v2 transformations are left as they are).
 */
export const V2BETA1_SHAPE: WireShape = {
  toWire: (spec) => toV2beta1Spec(spec as unknown as DashboardV2Spec),
  fromWire: (spec) => fromV2beta1Spec(spec),
};
