// @grafts/mixin-service-red: RED dashboard and SLO burn-rate alerts for HTTP services.
export { serviceRedMixin, serviceRedMixin as default } from './src/mixin.js';
export type { ServiceRedConfig, ServiceSlo, SloObjectives, BurnRateWindow, AlertClass, PerAlertClass } from './src/config.js';
export { workbookBurnRateWindows } from './src/windows.js';
export { ALERT_NAMES } from './src/alerts.js';
