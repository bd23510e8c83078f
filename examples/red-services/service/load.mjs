#!/usr/bin/env node
// A bounded load generator for server.mjs, loopback only.
//   node load.mjs --rps 20 --duration 60 http://127.0.0.1:8081 http://127.0.0.1:8082 ...
// Sends --rps requests per second in total, spread round-robin over the targets and the
// service's routes, for at most --duration seconds (or until SIGTERM/SIGINT), with at most
// --max-in-flight requests outstanding. Prints one summary line when it stops.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: args, positionals: targets } = parseArgs({
  allowPositionals: true,
  options: {
    rps: { type: 'string', default: '20' },
    duration: { type: 'string', default: '60' },
    'max-in-flight': { type: 'string', default: '50' },
  },
});
const rps = Number(args.rps);
const duration = Number(args.duration);
const maxInFlight = Number(args['max-in-flight']);
if (!(rps > 0 && rps <= 1000)) throw new Error('--rps must be in (0, 1000]');
if (!(duration > 0 && duration <= 3600)) throw new Error('--duration must be in (0, 3600] seconds');
if (targets.length === 0) throw new Error('give at least one target URL');
for (const t of targets) {
  const host = new URL(t).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`${t}: loopback targets only`);
}

const REQUESTS = [
  ['GET', '/api/items'],
  ['GET', '/api/items'],
  ['GET', '/api/search'],
  ['POST', '/api/orders'],
];
const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
const stats = { sent: 0, ok: 0, failed: 0, skipped: 0 };
let inFlight = 0;
let n = 0;

function fire() {
  if (inFlight >= maxInFlight) return void stats.skipped++;
  const target = targets[n % targets.length];
  const [method, path] = REQUESTS[Math.floor(n / targets.length) % REQUESTS.length];
  n++;
  inFlight++;
  stats.sent++;
  const req = http.request(new URL(path, target), { method, agent }, (res) => {
    res.resume();
    res.on('end', () => {
      inFlight--;
      stats.ok++;
    });
  });
  req.on('error', () => {
    inFlight--;
    stats.failed++;
  });
  req.end();
}

const timer = setInterval(fire, 1000 / rps);
const deadline = setTimeout(stop, duration * 1000);
function stop() {
  clearInterval(timer);
  clearTimeout(deadline);
  agent.destroy();
  console.log(`load: sent ${stats.sent}, answered ${stats.ok}, failed ${stats.failed}, skipped ${stats.skipped}`);
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, stop);
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 1000).unref();
