/**
 * The unit ids Grafana's value formatters know (`fieldConfig.defaults.unit`, the legacy graph
 * panel's `yaxes[].format`), as of Grafana 12. Grafana shows any other string verbatim as a
 * suffix, so a typo such as `percentunitt` renders as `0.5 percentunitt` with no error: the
 * `unknown-unit` lint rule reports ids that are neither here nor {@link CUSTOM_UNIT_PREFIXES custom}.
 */
export const GRAFANA_UNITS: ReadonlySet<string> = new Set([
  'none', 'string', 'short', 'sishort', 'percent', 'percentunit', 'humidity', 'dB', 'candela',
  'hex0x', 'hex', 'sci', 'locale', 'pixel', 'accMS2', 'accFS2', 'accG', 'degree', 'radian', 'grad',
  'arcmin', 'arcsec', 'areaM2', 'areaF2', 'areaMI2', 'acres', 'hectares', 'flops', 'mflops',
  'gflops', 'tflops', 'pflops', 'eflops', 'zflops', 'yflops', 'ppm', 'conppb', 'conngm3',
  'conngNm3', 'conμgm3', 'conμgNm3', 'conmgm3', 'conmgNm3', 'congm3', 'congNm3', 'conmgdL',
  'conmmolL', 'currencyUSD', 'currencyGBP', 'currencyEUR', 'currencyJPY', 'currencyRUB',
  'currencyUAH', 'currencyBRL', 'currencyDKK', 'currencyISK', 'currencyNOK', 'currencySEK',
  'currencyCZK', 'currencyCHF', 'currencyPLN', 'currencyBTC', 'currencymBTC', 'currencyμBTC',
  'currencyZAR', 'currencyINR', 'currencyKRW', 'currencyIDR', 'currencyPHP', 'currencyVND',
  'currencyTRY', 'currencyMYR', 'currencyXPF', 'currencyBGN', 'currencyPYG', 'currencyUYU',
  'currencyILS', 'bytes', 'decbytes', 'bits', 'decbits', 'kbytes', 'deckbytes', 'mbytes',
  'decmbytes', 'gbytes', 'decgbytes', 'tbytes', 'dectbytes', 'pbytes', 'decpbytes', 'pps',
  'binBps', 'Bps', 'binbps', 'bps', 'KiBs', 'Kibits', 'KBs', 'Kbits', 'MiBs', 'Mibits', 'MBs',
  'Mbits', 'GiBs', 'Gibits', 'GBs', 'Gbits', 'TiBs', 'Tibits', 'TBs', 'Tbits', 'PiBs', 'Pibits',
  'PBs', 'Pbits', 'dateTimeAsIso', 'dateTimeAsIsoNoDateIfToday', 'dateTimeAsUS',
  'dateTimeAsUSNoDateIfToday', 'dateTimeAsLocal', 'dateTimeAsLocalNoDateIfToday',
  'dateTimeAsSystem', 'dateTimeFromNow', 'watt', 'kwatt', 'megwatt', 'gwatt', 'mwatt', 'Wm2',
  'voltamp', 'kvoltamp', 'voltampreact', 'kvoltampreact', 'watth', 'watthperkg', 'kwatth',
  'kwattm', 'mwatth', 'amph', 'kamph', 'mamph', 'joule', 'ev', 'amp', 'kamp', 'mamp', 'volt',
  'kvolt', 'mvolt', 'dBm', 'mohm', 'ohm', 'kohm', 'Mohm', 'farad', 'µfarad', 'nfarad', 'pfarad',
  'ffarad', 'henry', 'mhenry', 'µhenry', 'lumens', 'flowgpm', 'flowcms', 'flowcfs', 'flowcfm',
  'litreh', 'flowlpm', 'flowmlpm', 'lux', 'forceNm', 'forcekNm', 'forceN', 'forcekN', 'Hs', 'KHs',
  'MHs', 'GHs', 'THs', 'PHs', 'EHs', 'massmg', 'massg', 'masslb', 'masskg', 'masst', 'lengthmm',
  'lengthin', 'lengthft', 'lengthm', 'lengthkm', 'lengthmi', 'pressurembar', 'pressurebar',
  'pressurekbar', 'pressurepa', 'pressurehpa', 'pressurekpa', 'pressurehg', 'pressurepsi', 'radbq',
  'radci', 'radgy', 'radrad', 'radsv', 'radmsv', 'radusv', 'radrem', 'radexpckg', 'radr', 'radsvh',
  'radmsvh', 'radusvh', 'rotrpm', 'rothz', 'rotkhz', 'rotmhz', 'rotghz', 'rotrads', 'rotdegs',
  'celsius', 'fahrenheit', 'kelvin', 'hertz', 'ns', 'µs', 'ms', 's', 'm', 'h', 'd', 'dtdurationms',
  'dtdurations', 'dthms', 'dtdhms', 'timeticks', 'clockms', 'clocks', 'cps', 'ops', 'reqps', 'rps',
  'wps', 'iops', 'eps', 'mps', 'recps', 'rowsps', 'cpm', 'opm', 'reqpm', 'rpm', 'wpm', 'epm',
  'mpm', 'recpm', 'rowspm', 'velocityms', 'velocitykmh', 'velocitymph', 'velocityknot', 'mlitre',
  'litre', 'm3', 'Nm3', 'dm3', 'gallons', 'bool', 'bool_yes_no', 'bool_on_off',
  // an old misspelling Grafana still resolves to fahrenheit
  'farenheit',
]);

/**
 * Prefixes of the custom units Grafana builds from the text after the colon: `suffix:req`,
 * `prefix:$`, `time:YYYY-MM-DD`, `si:g` (SI-scaled grams), `count:msgs`, `currency:€`,
 * `bool:up/down`.
 */
export const CUSTOM_UNIT_PREFIXES: readonly string[] = Object.freeze(['suffix', 'prefix', 'time', 'si', 'count', 'currency', 'bool']);

/** Words people write for a unit, mapped to Grafana's id (for did-you-mean, never applied silently). */
export const UNIT_SYNONYMS: Readonly<Record<string, string>> = Object.freeze({
  seconds: 's',
  second: 's',
  sec: 's',
  secs: 's',
  milliseconds: 'ms',
  millis: 'ms',
  microseconds: 'µs',
  us: 'µs',
  nanoseconds: 'ns',
  minutes: 'm',
  min: 'm',
  hours: 'h',
  days: 'd',
  percentage: 'percent',
  '%': 'percent',
  ratio: 'percentunit',
  byte: 'bytes',
  b: 'bytes',
  'bytes/sec': 'Bps',
  'bytes/s': 'Bps',
  'bits/sec': 'bps',
  'bits/s': 'bps',
  'req/s': 'reqps',
  'reqs/s': 'reqps',
  'requests/s': 'reqps',
  'ops/s': 'ops',
  hz: 'hertz',
  '°c': 'celsius',
  '°f': 'fahrenheit',
  number: 'none',
  boolean: 'bool',
});

/**
 * Whether Grafana knows a unit: one of {@link GRAFANA_UNITS} or a custom unit with one of the
 * {@link CUSTOM_UNIT_PREFIXES} and some text after the colon.
 *
 * @example
 * isGrafanaUnit('percentunit')  // → true
 * isGrafanaUnit('suffix: req')  // → true
 * isGrafanaUnit('percentunitt') // → false
 */
export function isGrafanaUnit(unit: string): boolean {
  if (GRAFANA_UNITS.has(unit)) return true;
  const colon = unit.indexOf(':');
  return colon > 0 && colon < unit.length - 1 && CUSTOM_UNIT_PREFIXES.includes(unit.slice(0, colon));
}
