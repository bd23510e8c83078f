const TEMPLATE_BRAND: unique symbol = Symbol.for('grafts.notification-template');

/**
 * A notification template group: Go templates (`{{ define "name" }}…{{ end }}`) that contact
 * point settings use (`{{ template "slack.title" . }}`). Written to an Alertmanager file target
 * as `templates/<name>.tmpl`, to Mimir as `template_files`, to Grafana as a template group.
 *
 * @example
 * notificationTemplate('slack', '{{ define "slack.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}')
 */
export interface NotificationTemplate {
  readonly [TEMPLATE_BRAND]: true;
  /** The group's name: letters, digits, `-`, `_` and `.`. */
  readonly name: string;
  readonly template: string;
}

/** A notification template group (see {@link NotificationTemplate}). */
export function notificationTemplate(name: string, template: string): NotificationTemplate {
  return Object.freeze({ [TEMPLATE_BRAND]: true as const, name, template });
}

/** True for a {@link NotificationTemplate}. */
export function isNotificationTemplate(value: unknown): value is NotificationTemplate {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TEMPLATE_BRAND] === true;
}
