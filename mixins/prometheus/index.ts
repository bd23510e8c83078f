// @grafts/mixin-prometheus: Prometheus self-monitoring as a grafts mixin.
import { prometheusMixin } from './src/mixin.js';

export { prometheusMixin };
export type { PrometheusMixinConfig } from './src/config.js';
export default prometheusMixin;
