import { evaluate, type Expression, parseExpression, type Scope, TemplateSubsetError } from './templateExpression';

/**
 * Adaptive Card templating (`${…}` bindings, `$data` over lists, `$when`) for the subset the Teams
 * cards use, with adaptivecards-templating 2.3's expansion rules, and nothing more.
 *
 * Why our own: adaptivecards-templating evaluates through adaptive-expressions, whose ANTLR parser,
 * function library and dependencies were loaded at every start for the handful of bindings the cards
 * use: 481 of the 2,132 files the assistant loaded, about a seventh of start-up's loading time
 * (`node dist/bench/moduleLoadCost.js`: adaptive-expressions 8 %, antlr4ts 6 %), 5 MB of live heap idle;
 * and an expansion here takes a third of the library's time (2026-12-03, bench/README.md). No lighter
 * library expands these templates. adaptivecards-templating stays a devDependency, and
 * test/cards/templateEquivalence.test.ts requires the same card from both for every template. A
 * template that needs more than this subset is refused when it is first prepared, with where and why.
 */

type Prepared =
  | { kind: 'constant'; value: unknown }
  | { kind: 'binding'; expression: Expression }
  | { kind: 'interpolation'; parts: (string | Expression)[] }
  | { kind: 'list'; items: Prepared[] }
  | { kind: 'object'; entries: [string, Prepared][]; data?: Expression; when?: Expression };

/** Keys adaptivecards-templating reads (`$data`, `$when`) or reserves, and never writes into the card. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const WHOLE = /^\$\{([^{}]*)\}$/;
const BINDING = /\$\{([^{}]*)\}/g;

function parseAt(source: string, conditions: boolean, where: string): Expression {
  try {
    return parseExpression(source, conditions);
  } catch (error) {
    if (error instanceof TemplateSubsetError) throw new TemplateSubsetError(`${where}: ${error.message}`);
    throw error;
  }
}

function prepareString(text: string, where: string): Prepared {
  if (!text.includes('${')) return { kind: 'constant', value: text };
  const whole = WHOLE.exec(text);
  if (whole) return { kind: 'binding', expression: parseAt(whole[1], false, where) };
  const parts: (string | Expression)[] = [];
  let last = 0;
  for (const match of text.matchAll(BINDING)) {
    parts.push(text.slice(last, match.index), parseAt(match[1], false, where));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  // adaptive-expressions reads the text around bindings as a JavaScript-like template string.
  const odd = parts.find((part) => typeof part === 'string' && /[`\\${}]/.test(part));
  if (odd !== undefined) throw new TemplateSubsetError(`${where}: "${text}" has \`, \\, $, { or } beside a binding`);
  return { kind: 'interpolation', parts };
}

function prepareNode(node: unknown, where: string): Prepared {
  if (typeof node === 'string') return prepareString(node, where);
  if (Array.isArray(node))
    return asConstant({ kind: 'list', items: node.map((item, i) => prepareNode(item, `${where}[${i}]`)) });
  if (typeof node !== 'object' || node === null) return { kind: 'constant', value: node };
  const object = node as Record<string, unknown>;
  const prepared: Extract<Prepared, { kind: 'object' }> = { kind: 'object', entries: [] };
  for (const [key, value] of Object.entries(object)) {
    const at = `${where}.${key}`;
    if (key === '$data' || key === '$when') {
      const whole = typeof value === 'string' ? WHOLE.exec(value) : null;
      if (!whole) throw new TemplateSubsetError(`${at}: must be one \${…} binding`);
      if (key === '$data') prepared.data = parseAt(whole[1], false, at);
      else prepared.when = parseAt(whole[1], true, at);
    } else if (RESERVED.has(key)) {
      throw new TemplateSubsetError(`${at}: ${key} is not supported`);
    } else {
      prepared.entries.push([key, prepareNode(value, at)]);
    }
  }
  return asConstant(prepared);
}

/**
 * A list or object with nothing to bind in it, however deep, expands to the same value every time: it is
 * made once, frozen, and every expansion shares it instead of copying it (issue 18: the step card and the
 * progress card are mostly fixed text and layout; `node --expose-gc dist/bench/turnCost.js 600` measured
 * the enrolment step at 565 → 558 KB allocated a turn; its instructions a turn moved less than
 * bench/instructions.ts's spread between runs).
 * Frozen so that a change to one card sent could never show in another; nothing changes a card once made.
 * A list keeps what its expansion would drop or flatten (a null, a list in a list) out of the shortcut.
 */
function asConstant(node: Extract<Prepared, { kind: 'list' | 'object' }>): Prepared {
  if (node.kind === 'list') {
    const fixed = node.items.every((item) => isConstant(item) && item.value !== null && !Array.isArray(item.value));
    return fixed ? { kind: 'constant', value: Object.freeze(node.items.map(constantValue)) } : node;
  }
  if (node.data || node.when || !node.entries.every(([, entry]) => isConstant(entry))) return node;
  const value = Object.fromEntries(node.entries.map(([key, entry]) => [key, constantValue(entry)]));
  return { kind: 'constant', value: Object.freeze(value) };
}

const isConstant = (node: Prepared): node is Extract<Prepared, { kind: 'constant' }> => node.kind === 'constant';
const constantValue = (node: Prepared) => (isConstant(node) ? node.value : undefined);

function expandNode(node: Prepared, scope: Scope): unknown {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'binding':
      return evaluate(node.expression, scope, true).value;
    case 'interpolation':
      return node.parts
        .map((part) => {
          if (typeof part === 'string') return part;
          const { value } = evaluate(part, scope, true);
          // adaptivecards-templating calls value.toString(): a null field fails the expansion.
          if (value === null || value === undefined) throw new TypeError(`a binding in a text found ${String(value)}`);
          return (value as { toString(): string }).toString();
        })
        .join('');
    case 'list': {
      // A dropped item (null) leaves the list; an item that expanded to several ($data over a list) joins it flat.
      const items: unknown[] = [];
      for (const item of node.items) {
        const value = expandNode(item, scope);
        if (Array.isArray(value)) items.push(...(value as unknown[]));
        else if (value !== null) items.push(value);
      }
      return items;
    }
    case 'object':
      return expandObject(node, scope);
  }
}

function expandObject(node: Extract<Prepared, { kind: 'object' }>, scope: Scope): unknown {
  let contexts: unknown[] = [undefined];
  if (node.data) {
    const data = evaluate(node.data, scope, true).value;
    contexts = Array.isArray(data) ? data : [data];
  }
  const expanded: Record<string, unknown>[] = [];
  let data = scope.data;
  for (const context of contexts) {
    // As adaptivecards-templating does: an undefined item keeps the data of the one before.
    if (context !== undefined) data = context;
    const inner: Scope = { root: scope.root, data };
    if (node.when) {
      const when = evaluate(node.when, inner, false);
      if (when.error || when.value !== true) continue;
    }
    const object: Record<string, unknown> = {};
    for (const [key, value] of node.entries) {
      const result = expandNode(value, inner);
      if (result !== undefined) object[key] = result;
    }
    expanded.push(object);
  }
  if (expanded.length === 0) return null;
  return expanded.length === 1 ? expanded[0] : expanded;
}

export interface CardTemplate {
  expand(data: object): unknown;
}

/** Prepares a template once; refuses (TemplateSubsetError) what the subset does not cover. */
export function prepareCardTemplate(payload: unknown, name: string): CardTemplate {
  const prepared = prepareNode(payload, `card template ${name}`);
  return { expand: (data) => expandNode(prepared, { root: data, data }) };
}
