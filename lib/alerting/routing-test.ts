/**
 * A routing test: an alert with these labels is delivered to exactly these contact points, in
 * this order (the order of the routing tree's matches). `dash mixin test` checks it with
 * `amtool config routes test` against the rendered Alertmanager configuration.
 *
 * @example
 * const test: RoutingTest = { labels: { alertname: 'CheckoutErrors', severity: 'critical' }, receivers: ['page'] };
 */
export interface RoutingTest {
  /** What the test is about, shown when it fails. */
  readonly name?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Contact point names, in the order the tree notifies them; `[default]` for the root's receiver. */
  readonly receivers: readonly string[];
}
