import { toMatchers, type Matcher, type MatchersInput } from './matchers.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface RouteProps {
  readonly receiver?: string;
  readonly matchers: readonly Matcher[];
  /** `['...']` groups by every label. */
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly continue?: boolean;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  readonly routes: readonly Route[];
}

const ROUTE_BRAND: unique symbol = Symbol.for('grafts.route');

/**
 * A node of the notification policy tree: which alerts it takes (matchers), who it notifies
 * (receiver, inherited from the parent when unset), how it groups and paces notifications, when
 * it is muted or active, and its child routes, tried in order. Immutable: every method returns
 * a new route.
 *
 * @example
 * route({ severity: 'critical' }).receiver('page').groupBy('alertname', 'job').repeatInterval('1h')
 * // Alertmanager: { receiver: 'page', matchers: ['severity="critical"'], group_by: ['alertname', 'job'], repeat_interval: '1h' }
 */
export class Route {
  /** @internal */
  readonly [ROUTE_BRAND] = true;
  readonly #props: RouteProps;

  constructor(props: RouteProps) {
    this.#props = Object.freeze({
      ...props,
      matchers: Object.freeze([...props.matchers]),
      muteTimeIntervals: Object.freeze([...props.muteTimeIntervals]),
      activeTimeIntervals: Object.freeze([...props.activeTimeIntervals]),
      routes: Object.freeze([...props.routes]),
      ...(props.groupBy && { groupBy: Object.freeze([...props.groupBy]) }),
    });
    Object.freeze(this);
  }

  /** The route's settings (frozen). */
  get props(): RouteProps {
    return this.#props;
  }

  /** The contact point notified (inherited from the parent route when unset). */
  receiver(name: string): Route {
    return this.with({ receiver: name });
  }

  /** Adds matchers: an alert must match all of them (an object means equality matchers). */
  matchers(matchers: MatchersInput): Route {
    return this.with({ matchers: [...this.#props.matchers, ...toMatchers(matchers)] });
  }

  /** Labels alerts are grouped by into one notification; `'...'` alone groups by every label. */
  groupBy(...labels: string[]): Route {
    return this.with({ groupBy: labels });
  }

  /** How long to wait before the first notification of a new group, e.g. `30s`. */
  groupWait(duration: string): Route {
    return this.with({ groupWait: duration });
  }

  /** How long to wait before notifying about new alerts of a group already notified, e.g. `5m`. */
  groupInterval(duration: string): Route {
    return this.with({ groupInterval: duration });
  }

  /** How long to wait before repeating a notification that did not change, e.g. `4h`. */
  repeatInterval(duration: string): Route {
    return this.with({ repeatInterval: duration });
  }

  /** After this route matches, keep trying its siblings (default: stop at the first match). */
  continue(value = true): Route {
    return this.with({ continue: value });
  }

  /** Mute timings (by name) during which this route sends nothing. */
  muteTimeIntervals(...names: string[]): Route {
    return this.with({ muteTimeIntervals: [...this.#props.muteTimeIntervals, ...names] });
  }

  /** Time intervals (by name) outside of which this route sends nothing. */
  activeTimeIntervals(...names: string[]): Route {
    return this.with({ activeTimeIntervals: [...this.#props.activeTimeIntervals, ...names] });
  }

  /** Adds child routes, tried in order after the ones already added. */
  route(...routes: Route[]): Route {
    return this.with({ routes: [...this.#props.routes, ...routes] });
  }

  /** A copy with its matchers replaced. */
  withMatchers(matchers: readonly Matcher[]): Route {
    return this.with({ matchers: [...matchers] });
  }

  /** A copy with its child routes replaced. */
  withRoutes(routes: readonly Route[]): Route {
    return this.with({ routes: [...routes] });
  }

  private with(patch: Partial<RouteProps>): Route {
    return new Route({ ...this.#props, ...patch });
  }
}

/** True for a {@link Route} (works across copies of the library). */
export function isRoute(value: unknown): value is Route {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ROUTE_BRAND] === true;
}

/**
 * A route taking the alerts that match `matchers` (see {@link Route}).
 *
 * @example
 * route({ team: 'db' }).receiver('db-oncall').route(route({ severity: 'warning' }).receiver('db-tickets'))
 */
export function route(matchers: MatchersInput = {}): Route {
  return new Route({ matchers: toMatchers(matchers), muteTimeIntervals: [], activeTimeIntervals: [], routes: [] });
}

/**
 * The root of the notification policy tree: it takes every alert and must name a receiver
 * (the default contact point). Its grouping and timings are inherited by every route below.
 *
 * @example
 * notificationPolicy('default-email').groupBy('alertname', 'job').route(route({ severity: 'critical' }).receiver('page'))
 * // Alertmanager: route: { receiver: 'default-email', group_by: ['alertname', 'job'], routes: [{ receiver: 'page', matchers: ['severity="critical"'] }] }
 */
export function notificationPolicy(defaultReceiver: string): Route {
  return route().receiver(defaultReceiver);
}
