import type { TimePickerConfig } from '../generated/index.js';
import type { AnnotationBuilder } from './annotation.js';
import type { DashboardLinkBuilder } from './dashboard-link.js';
import type { JsonObject } from './deep-merge.js';
import type { Folder } from './folder.js';
import type { SectionContent } from './section-content.js';
import type { VariableBuilder } from './variables/variable-builder.js';

// What a dashboard builder holds, apart from the builder: the renderers read it, so they need
// not import the builder (which calls them).

/** Cursor sharing between panels: off, a shared crosshair, or a shared crosshair and tooltip. */
export type GraphTooltip = 'off' | 'shared-crosshair' | 'shared-tooltip';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface DashboardProps extends SectionContent {
  readonly title: string;
  readonly uid?: string;
  readonly folder?: Folder;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly timezone?: string;
  readonly editable?: boolean;
  readonly graphTooltip?: GraphTooltip;
  readonly time?: { readonly from: string; readonly to: string };
  readonly timepicker?: TimePickerConfig;
  readonly fiscalYearStartMonth?: number;
  readonly weekStart?: string;
  readonly liveNow?: boolean;
  readonly refresh?: string;
  readonly variables: readonly VariableBuilder[];
  readonly annotations: readonly AnnotationBuilder[];
  readonly links: readonly DashboardLinkBuilder[];
  readonly merges: readonly JsonObject[];
  /** Variable names referenced without being defined, accepted on purpose. */
  readonly undefinedVariables?: readonly string[];
  /** The output schema asked for with `.schema()`. */
  readonly schema?: DashboardSchema;
}

/** Grafana's dashboard schemas: classic JSON (`v1`) or the `dashboard.grafana.app/v2` spec (`v2`). */
export type DashboardSchema = 'v1' | 'v2';
