import type { TestDataQueryModel } from '../../generated/index.js';
import { ModelQuery, modelProps, type QueryModelFields } from './model-query.js';

/** The scenarios Grafana's TestData data source plays (random walk, CSV content, logs, …). */
export type TestDataScenario = NonNullable<TestDataQueryModel['scenarioId']>;

/**
 * A query on Grafana's built-in TestData data source (plugin `grafana-testdata-datasource`):
 * generated data for demos, tests and panels that need data without a backend.
 *
 * @example
 * testData('random_walk', { seriesCount: 3, min: 0, max: 100 })
 * // → { "refId": "A", "scenarioId": "random_walk", "seriesCount": 3, "min": 0, "max": 100 }
 * testData('csv_content', { csvContent: 'time,value\n1,2' })
 */
export class TestDataQuery extends ModelQuery<'grafana-testdata-datasource', TestDataQueryModel> {
  readonly kind = 'grafana-testdata-datasource' as const;

  /** Series name. */
  alias(alias: string): this {
    return this.fields({ alias });
  }
}

/** A TestData scenario query (see {@link TestDataQuery}). */
export function testData(scenario: TestDataScenario, fields: Partial<QueryModelFields<TestDataQueryModel>> = {}): TestDataQuery {
  return new TestDataQuery(modelProps<TestDataQueryModel>({ scenarioId: scenario, ...fields }));
}
