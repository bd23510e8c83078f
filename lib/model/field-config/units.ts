/**
 * Common Grafana unit ids, for autocompletion; any other unit id Grafana knows is accepted too
 * (e.g. `currencyEUR`, `suffix: req`); `dash lint` reports ids Grafana does not know (rule `unknown-unit`).
 */
export type Unit =
  | 'none' | 'short' | 'percent' | 'percentunit' | 'humidity' | 'dB' | 'hex' | 'sci' | 'locale'
  | 'reqps' | 'rps' | 'wps' | 'rpm' | 'wpm' | 'ops' | 'opm' | 'iops' | 'cps' | 'cpm' | 'mps' | 'mpm'
  | 'ns' | 'µs' | 'ms' | 's' | 'm' | 'h' | 'd' | 'dtdurationms' | 'dtdurations' | 'clockms' | 'clocks'
  | 'bytes' | 'decbytes' | 'bits' | 'decbits' | 'kbytes' | 'deckbytes' | 'mbytes' | 'decmbytes' | 'gbytes' | 'decgbytes'
  | 'bps' | 'Bps' | 'binBps' | 'KBs' | 'MBs' | 'GBs' | 'Kbits' | 'Mbits' | 'pps'
  | 'hertz' | 'celsius' | 'fahrenheit' | 'watt' | 'kwatt' | 'volt' | 'amp' | 'joule'
  | 'dateTimeAsIso' | 'dateTimeFromNow' | 'bool' | 'bool_yes_no' | 'bool_on_off'
  | (string & {});
