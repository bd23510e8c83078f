// One RED row per service of a shop, all laid out alike: request rate by status class and
// error ratio on the left, latency (p99, p50, mean) on the right. Services are told apart by
// their `job` label; `search` exports a native histogram instead of classic buckets.
import { red } from 'grafts';

export default red
  .dashboard('Shop services', ['checkout', 'cart', { service: 'search', histogram: 'native' }], {
    levels: ['cluster', 'namespace'],
    description: 'Rate, errors and duration of every shop service.',
  })
  .uid('shop-services')
  .tags('shop', 'red')
  .time('now-6h');
