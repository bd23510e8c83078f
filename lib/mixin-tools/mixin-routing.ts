import { resolveAlerting, type AlertingSpec, type MixinRouting, type ResolvedAlerting } from '../alerting/alerting-config.js';
import { contactPoint } from '../alerting/contact-point.js';
import { muteTiming } from '../alerting/mute-timing.js';
import { notificationPolicy, type Route } from '../alerting/notification-policy.js';
import { ValidationError } from '../model/validation-error.js';

/** The root receiver of the tree a mixin's routes are tested in on their own. */
export const STANDALONE_DEFAULT_RECEIVER = 'default';

function receiversOf(r: Route): string[] {
  return [...(r.props.receiver !== undefined ? [r.props.receiver] : []), ...r.props.routes.flatMap(receiversOf)];
}

function timingsOf(r: Route): string[] {
  return [...r.props.muteTimeIntervals, ...r.props.activeTimeIntervals, ...r.props.routes.flatMap(timingsOf)];
}

/**
 * The alerting configuration a mixin's routes are tested in when there is no project around
 * them (`dash mixin test` in a mixin package): a root sending to `default`, an empty contact
 * point for every receiver the routes and tests name, and the mixin's routes in their usual
 * place (first under the root, each matching only the mixin's alerts). Undefined when the mixin has no
 * routes and no routing tests.
 *
 * @throws {ValidationError} the routes or tests are invalid (bad matchers, durations, …).
 */
export function standaloneAlerting(routing: MixinRouting): ResolvedAlerting | undefined {
  if (routing.routes.length === 0 && routing.routingTests.length === 0) return undefined;
  const names = new Set([STANDALONE_DEFAULT_RECEIVER, ...routing.routes.flatMap(receiversOf), ...routing.routingTests.flatMap((t) => t.receivers)]);
  // Mute timings the routes name exist here as always-in-effect placeholders: routing ignores time.
  const spec: AlertingSpec = {
    contactPoints: [...names].filter((n) => typeof n === 'string').map((n) => contactPoint(n)),
    policy: notificationPolicy(STANDALONE_DEFAULT_RECEIVER),
    muteTimings: [...new Set(routing.routes.flatMap(timingsOf))].map((n) => muteTiming(n)),
  };
  const { resolved, problems } = resolveAlerting(spec, [routing], []);
  if (problems.length > 0) throw new ValidationError(problems);
  return resolved;
}
