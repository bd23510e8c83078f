import type { GeomapControlsOptions, GeomapMapLayerOptions, GeomapOptions } from '../../generated/index.js';
import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Data on a map (Grafana's `geomap` panel): a base map and data layers (markers, heatmap,
 * routes) placed by latitude/longitude fields, geohash or lookup.
 *
 * @example
 * geomap('Requests by region').datasource(ds).target(prometheus('sum by (lat, lon) (rate(requests_total[5m]))').format('table'))
 *   .view({ lat: 50, lon: 10, zoom: 4 }).layer({ type: 'markers', name: 'Requests' })
 * // → { "type": "geomap", …, "options": { "view": { "id": "coords", "lat": 50, "lon": 10, "zoom": 4 },
 * //     "layers": [{ "type": "markers", "name": "Requests" }] } }
 */
export class GeomapPanel<K extends string = string> extends PanelBuilder<K, GeomapOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): GeomapPanel<D> {
    return super.datasource(datasource) as unknown as GeomapPanel<D>;
  }

  /** The initial view: a centre and zoom (`coords`), the whole world (`zero`) or the data's extent (`fit`). */
  view(view: { lat: number; lon: number; zoom?: number } | 'zero' | 'fit'): this {
    return this.options({ view: typeof view === 'string' ? { id: view } : { id: 'coords', ...view } });
  }

  /** The base map layer, e.g. `{ type: 'osm-standard', name: 'Base' }`. */
  basemap(layer: GeomapMapLayerOptions): this {
    return this.with({ options: { ...this.props.options, basemap: structuredClone(layer) } as never });
  }

  /** Adds a data layer, e.g. `{ type: 'markers', name: 'Sites' }`. */
  layer(layer: GeomapMapLayerOptions): this {
    const layers = (this.props.options as GeomapOptions).layers ?? [];
    return this.with({ options: { ...this.props.options, layers: [...structuredClone(layers), structuredClone(layer)] } as never });
  }

  /** Map controls: zoom buttons, mouse wheel zoom, scale, attribution, … */
  controls(controls: GeomapControlsOptions): this {
    return this.options({ controls });
  }

  /** Shows the details of a hovered feature (`details`) or nothing (`none`). */
  tooltip(mode: 'none' | 'details'): this {
    return this.options({ tooltip: { mode } });
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/** A geomap panel (see {@link GeomapPanel}). */
export function geomap(title?: string): GeomapPanel {
  return new GeomapPanel(initialPanelProps('geomap', title));
}
