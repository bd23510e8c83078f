// Shared templating for every dashboard of this project: a Prometheus data source picked by
// the viewer, then job and instance discovered from `up` (every scraped target has it).
import { datasourceVariable, labelValues, queryVariable } from 'grafts';

export const ds = datasourceVariable('datasource', 'prometheus').label('Data source');

export const job = queryVariable('job')
  .label('Job')
  .datasource(ds)
  .query(labelValues('up', 'job'))
  .multi()
  .includeAll({ allValue: '.+' })
  .refresh('time-range-change')
  .sort('alphabetical-asc');

export const instance = queryVariable('instance')
  .label('Instance')
  .datasource(ds)
  .query(labelValues(`up{job=~"${job}"}`, 'instance'))
  .multi()
  .includeAll({ allValue: '.+' })
  .refresh('time-range-change')
  .sort('alphabetical-asc');

/** The selector every query of the service starts from. */
export const selector = `job=~"${job}", instance=~"${instance}"`;
