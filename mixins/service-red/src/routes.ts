// Default notification routes: page alerts to the `page` contact point, ticket alerts to
// `ticket` (both renamed through the `receivers` config key), matched by the severity label.
import { route, type Route, type RoutingTest } from 'grafts';
import { ALERT_NAMES } from './alerts.js';
import type { ServiceRedConfig } from './config.js';

/**
 * The mixin's routes, one per alert class, matched by the class's severity.
 *
 * @example
 * serviceRedRoutes(config) // → [route({ severity: 'critical' }).receiver('page').groupBy('alertname', 'slo', 'job'), route({ severity: 'warning' }).receiver('ticket')…]
 */
export function serviceRedRoutes(c: Readonly<ServiceRedConfig>): Route[] {
  return (['page', 'ticket'] as const).map((alertClass) =>
    route({ severity: c.severities[alertClass] })
      .receiver(c.receivers[alertClass])
      .groupBy(...c.routeGroupBy),
  );
}

/** Every alert of the mixin reaches the contact point of its class. */
export function serviceRedRoutingTests(c: Readonly<ServiceRedConfig>): RoutingTest[] {
  return c.services.flatMap((slo) =>
    Object.values(ALERT_NAMES).flatMap((names) =>
      (['page', 'ticket'] as const).map((alertClass) => ({
        name: `${names[alertClass]} (${alertClass}) of SLO ${slo.name}`,
        labels: { alertname: names[alertClass], severity: c.severities[alertClass], [c.sloLabel]: slo.name },
        receivers: [c.receivers[alertClass]],
      })),
    ),
  );
}
