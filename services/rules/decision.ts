/**
 * The one shape every partnership rule returns, so the same reason can be shown in Teams,
 * in Slack and in the audit log (STYLE.md: "a decision that says why").
 */

/** Rule ids from shared/DOMAIN.md. */
export type RuleId =
  | `T${1 | 2 | 3 | 4}`
  | `E${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`
  | `M${1 | 2 | 3 | 4 | 5}`
  | `P${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`
  | `C${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`
  | 'MCA1'
  | 'N1'
  | 'API1'
  | `R${1 | 2}`
  | `NCE${1 | 2}`
  | `G${1 | 2 | 3 | 4}`;

/** Facts behind a violation; interpolated into the catalog message `rules:violation.<code>`. */
export type Facts = Record<string, string | number | boolean>;

export interface Violation {
  rule: RuleId;
  /** Stable, machine-readable; every code has a message in every catalog (`rules:violation.<code>`). */
  code: string;
  facts: Facts;
}

/** A way forward the domain offers (C10's three options, ...); message `rules:option.<code>`. */
export interface WayForward {
  rule: RuleId;
  code: string;
}

export interface Decision {
  allowed: boolean;
  violations: Violation[];
  options: WayForward[];
}

export const allow = (): Decision => ({ allowed: true, violations: [], options: [] });

export const refuse = (violations: Violation[], options: WayForward[] = []): Decision => ({
  allowed: violations.length === 0,
  violations,
  options,
});

/**
 * Combines decisions: allowed only when every part is; violations and options concatenated, each
 * reason once (two rules that share a requirement, such as P9 and M2 on the reseller's MPA, would
 * otherwise say it twice).
 */
export function combine(...decisions: Decision[]): Decision {
  // Each key made once (a Set), not once per pair: the readiness of every checklist turn combines a
  // dozen decisions, and the pairwise JSON.stringify of their facts was 15 KB a turn (issue 18).
  const once = <T>(items: T[], key: (item: T) => string) => {
    const seen = new Set<string>();
    return items.filter((item) => {
      const k = key(item);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
  const violations = once(
    decisions.flatMap((d) => d.violations),
    (v) => `${v.code} ${JSON.stringify(v.facts)}`,
  );
  const options = once(
    decisions.flatMap((d) => d.options),
    (o) => o.code,
  );
  return { allowed: violations.length === 0, violations, options };
}
