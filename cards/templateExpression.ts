/**
 * The expressions the Teams card templates use, parsed once and evaluated with the semantics of
 * adaptive-expressions (the engine of adaptivecards-templating), and nothing more: a path (`title`,
 * `labels.required`, `$data`, `$root.fixLabel`); and in `$when` only, `count(path)`, a comparison of a
 * path or a count with a literal (`==`, `!=`, `>`), `!` and `||`. Anything else is refused when a
 * template is prepared, so a template that needs more fails in the card tests, not in a user's chat.
 * Each rule below that looks odd (a missing field in a comparison, `!` of an error) is what
 * adaptive-expressions 4.23 does; test/cards/templateEquivalence.test.ts holds the two side by side.
 */

export type Expression =
  | { kind: 'path'; segments: string[]; text: string }
  | { kind: 'literal'; value: string | number }
  | { kind: 'count'; of: Expression }
  | { kind: 'compare'; operator: '==' | '!=' | '>'; left: Expression; right: Expression }
  | { kind: 'not'; of: Expression }
  | { kind: 'or'; of: Expression[] };

/** What an expression sees: the whole card's data and the data of the `$data` it is inside. */
export interface Scope {
  root: unknown;
  data: unknown;
}

/** adaptive-expressions' result: an error is a value of its own, which `$when`, `!` and `||` read. */
interface Result {
  value: unknown;
  error?: string;
}

export class TemplateSubsetError extends Error {}

const TOKEN = /\s*(\|\||==|!=|>|!|\(|\)|'[^'\\]*'|\d+|\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|\S)/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const match = TOKEN.exec(source);
    if (!match) break;
    tokens.push(match[1]);
  }
  return tokens;
}

function pathOf(token: string | undefined, source: string): Expression {
  if (!token || !/^\$?[A-Za-z_]/.test(token)) throw new TemplateSubsetError(`"\${${source}}": expected a path`);
  const segments = token.split('.');
  if (segments[0].startsWith('$') && segments[0] !== '$data' && segments[0] !== '$root') {
    throw new TemplateSubsetError(`"\${${source}}": only $data and $root are supported, not ${segments[0]}`);
  }
  return { kind: 'path', segments, text: token };
}

/**
 * Parses the text between `${` and `}`. `conditions` allows what `$when` needs; elsewhere a template
 * only ever binds a path.
 */
export function parseExpression(source: string, conditions: boolean): Expression {
  const tokens = tokenize(source);
  let at = 0;
  const refuse = (why: string): never => {
    throw new TemplateSubsetError(`"\${${source}}": ${why} (cards/templateExpression.ts lists what is supported)`);
  };

  const primary = (): Expression => {
    const token = tokens[at++];
    if (token === 'count' && tokens[at] === '(') {
      at++;
      const of = pathOf(tokens[at++], source);
      if (tokens[at++] !== ')') refuse('count() takes one path');
      return { kind: 'count', of };
    }
    if (tokens[at] === '(') refuse(`the function ${token}() is not supported`);
    return pathOf(token, source);
  };
  const unary = (): Expression => {
    if (tokens[at] === '!') {
      at++;
      return { kind: 'not', of: unary() };
    }
    return primary();
  };
  const comparison = (): Expression => {
    const left = unary();
    const operator = tokens[at];
    if (operator !== '==' && operator !== '!=' && operator !== '>') return left;
    at++;
    const literal = tokens[at++] ?? '';
    if (/^\d+$/.test(literal))
      return { kind: 'compare', operator, left, right: { kind: 'literal', value: Number(literal) } };
    if (/^'.*'$/.test(literal)) {
      return { kind: 'compare', operator, left, right: { kind: 'literal', value: literal.slice(1, -1) } };
    }
    return refuse('a comparison is with a number or a quoted string');
  };
  const or = (): Expression => {
    const first = comparison();
    if (tokens[at] !== '||') return first;
    const of = [first];
    while (tokens[at] === '||') {
      at++;
      of.push(comparison());
    }
    return { kind: 'or', of };
  };

  const expression = conditions ? or() : pathOf(tokens[at++], source);
  if (at !== tokens.length) refuse(conditions ? `"${tokens[at]}" is not supported` : 'only a path is bound here');
  return expression;
}

/** adaptive-expressions' property access: case-insensitive, the first matching key; nothing on a falsy value. */
function property(instance: unknown, name: string): unknown {
  if (!instance) return undefined;
  const lower = name.toLowerCase();
  if (instance instanceof Map) {
    const exact: unknown = instance.get(name);
    if (exact !== undefined) return exact;
    const key = [...instance.keys()].find((k) => String(k).toLowerCase() === lower);
    return key === undefined ? undefined : instance.get(key);
  }
  const key = Object.keys(instance).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : (instance as Record<string, unknown>)[key];
}

function lookup(segments: string[], scope: Scope): unknown {
  let value: unknown = segments[0] === '$root' ? scope.root : scope.data;
  for (let i = segments[0].startsWith('$') ? 1 : 0; i < segments.length; i++) value = property(value, segments[i]);
  return value;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);

/** adaptive-expressions' equality against a literal (`commonEquals` with one side a string or number). */
function equals(left: unknown, right: string | number): boolean {
  if (left === null || left === undefined) return false;
  if (isNumber(left) && isNumber(right) && Math.abs(left - right) < Number.EPSILON) return true;
  return left === right;
}

function count(value: unknown): Result {
  if (typeof value === 'string' || Array.isArray(value)) return { value: value.length };
  if (value instanceof Map) return { value: value.size };
  if (typeof value === 'object') {
    return value === null ? { value: undefined, error: 'count of null' } : { value: Object.keys(value).length };
  }
  return { value: undefined, error: 'count of something that is not a string, list or object' };
}

const isLogicTrue = (value: unknown) => (typeof value === 'boolean' ? value : value !== null && value !== undefined);

/**
 * Evaluates as adaptive-expressions does. `substitute` is its null substitution: a path that finds
 * nothing gives the text `${path}` (adaptivecards-templating's default outside `$when`).
 */
export function evaluate(expression: Expression, scope: Scope, substitute: boolean): Result {
  switch (expression.kind) {
    case 'literal':
      return { value: expression.value };
    case 'path': {
      const value = lookup(expression.segments, scope);
      return { value: value === undefined && substitute ? `\${${expression.text}}` : value };
    }
    case 'count': {
      const of = evaluate(expression.of, scope, substitute);
      return of.error ? of : count(of.value);
    }
    case 'compare': {
      // A comparison evaluates its sides without substitution; a side in error makes it false, not an error.
      const left = evaluate(expression.left, scope, false);
      const right = evaluate(expression.right, scope, false);
      if (left.error || right.error) return { value: false };
      const literal = right.value as string | number;
      if (expression.operator === '==') return { value: equals(left.value, literal) };
      if (expression.operator === '!=') return { value: !equals(left.value, literal) };
      if (left.value === null || left.value === undefined) return { value: false };
      const comparable =
        (isNumber(left.value) && isNumber(literal)) || (typeof left.value === 'string' && typeof literal === 'string');
      return comparable ? { value: left.value > literal } : { value: false, error: 'not comparable' };
    }
    case 'not': {
      const of = evaluate(expression.of, scope, false);
      return { value: of.error ? true : !isLogicTrue(of.value) };
    }
    case 'or': {
      // The value of the last side when none is true, as adaptive-expressions leaves it.
      let value: unknown = false;
      for (const side of expression.of) {
        const result = evaluate(side, scope, false);
        value = result.value;
        if (!result.error && isLogicTrue(value)) return { value: true };
      }
      return { value };
    }
  }
}
