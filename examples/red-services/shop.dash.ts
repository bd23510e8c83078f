// One RED row per service of a shop, all laid out alike: request rate by status class and
// error ratio on the left, latency (p99, p50, mean) on the right. Services are told apart by
// their `job` label; `search` exports a native histogram instead of classic buckets.
//
// The services are examples/red-services/service/server.mjs, scraped as jobs `checkout`, `cart`
// and `search` (see README.md here); the integration tests run this stack on loopback. There is
// no cluster or namespace there, so the dashboard has no such levels: just `job` and `instance`.
import { red } from 'grafts';

export default red
  .dashboard('Shop services', ['checkout', 'cart', { service: 'search', histogram: 'native' }], {
    description: 'Rate, errors and duration of every shop service.',
  })
  .uid('shop-services')
  .tags('shop', 'red')
  .time('now-6h');
