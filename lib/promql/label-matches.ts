/** A label matcher's operator and value, as Prometheus and Alertmanager write them. */
export interface LabelTest {
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/**
 * Whether a label value (`''` when the label is missing) satisfies a matcher. Regular
 * expressions are fully anchored, as in Prometheus and Alertmanager: `=~"api|web"` matches
 * `api`, not `api2`.
 *
 * @example
 * labelMatches({ op: '=~', value: 'api|web' }, 'api')  // → true
 * labelMatches({ op: '!=', value: 'api' }, '')          // → true
 */
export function labelMatches(matcher: LabelTest, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return new RegExp(`^(?:${matcher.value})$`).test(value);
    case '!~':
      return !new RegExp(`^(?:${matcher.value})$`).test(value);
  }
}
