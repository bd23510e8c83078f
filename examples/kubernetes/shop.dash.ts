// The shop's RED dashboard of examples/red-services, delivered to both clusters.
export { default } from '../red-services/shop.dash.js';
