/**
 * The models grouped by the question they answer, as a kernel engineer
 * reads them: the mainline protocol, the hole-punch strategies, then one
 * group per bug of the mutant catalogue (M-number) with the fixed model it
 * is paired with beside it.
 *
 * The words come from the model's manifest entry, carried in its check
 * result (check.json entries are open objects): `description` (one
 * sentence), and when present `question`, `counterpart`, `variant`. A model
 * without them is grouped by its name alone (MCBug_M<n>_…, MCHolePunch…).
 */
import type { ModelVerdict } from '../results.ts';

/** What the manifest says about a model, as far as the report uses it. */
export interface ModelFacts {
  description: string | undefined;
  question: string | undefined;
  /** The passing model with the fix, for a bug model. */
  counterpart: string | undefined;
  variant: string | undefined;
}

/** A group of the model table. */
export interface ModelGroup {
  /** Anchor-safe key: "mainline", "hole-punch", "bug-M6", "other". */
  key: string;
  /** Heading ("Mainline protocol", "Bug M6", …). */
  title: string;
  /** The question the group answers, in words. */
  question: string;
  models: ModelVerdict[];
  /** Bug groups: the fixed models paired with the bug models (each listed once). */
  counterparts: string[];
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The manifest facts a check result carries (absent fields stay undefined). */
export function factsOf(m: ModelVerdict): ModelFacts {
  const r = m as Record<string, unknown>;
  return { description: text(r.description), question: text(r.question), counterpart: text(r.counterpart), variant: text(r.variant) };
}

const BUG_NAME = /^MCBug_(M\d+)_/;
/** "Bug model (<what is wrong>): must break <property>." — the manifest's sentence for a bug model. */
const BUG_DESCRIPTION = /^Bug model \((.*)\): must break (.+?)\.?$/s;

/** The catalogue number of a bug model ("M6"), from its name. */
export function bugNumber(name: string): string | undefined {
  return BUG_NAME.exec(name)?.[1];
}

/** The defect a bug model plants, in words, from its description. */
export function bugDefect(description: string | undefined): string | undefined {
  return description === undefined ? undefined : BUG_DESCRIPTION.exec(description)?.[1];
}

/** The question one model answers: its own `question`, else its description. */
export function modelQuestion(m: ModelVerdict): string | undefined {
  const f = factsOf(m);
  if (f.question) return f.question;
  if (bugNumber(m.name) !== undefined) {
    const broken = BUG_DESCRIPTION.exec(f.description ?? '')?.[2];
    if (broken) return `Caught by ${broken}?`;
  }
  return f.description;
}

function familyKey(m: ModelVerdict): string {
  const bug = bugNumber(m.name);
  if (bug !== undefined) return `bug-${bug}`;
  if (m.name.startsWith('MCHolePunch')) return 'hole-punch';
  if (factsOf(m).variant === 'mainline' || /^MC(Safety|Liveness|Export)/.test(m.name)) return 'mainline';
  return 'other';
}

const FIXED_GROUPS: Record<string, { title: string; question: string; rank: number }> = {
  mainline: {
    title: 'Mainline protocol',
    question: 'Does mm/mmu_notifier.c as merged keep its invariants, keep device entries fresh (SAFE-1/2) and make progress (LIVE-1..5)?',
    rank: 0,
  },
  'hole-punch': {
    title: 'Hole punch',
    question: 'Can a driver split an interval (munmap of the middle of a range) without leaving a device entry stale, inside or outside the invalidate callback?',
    rank: 1,
  },
  other: { title: 'Other models', question: 'Models outside the catalogue.', rank: 3 },
};

function numberOf(key: string): number {
  return Number(key.replace(/^bug-M/, ''));
}

/** Group the models (input order is kept inside a group); bug groups by M-number. */
export function groupModels(models: readonly ModelVerdict[]): ModelGroup[] {
  const byKey = new Map<string, ModelVerdict[]>();
  for (const m of models) {
    const key = familyKey(m);
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const groups = [...byKey].map(([key, members]): ModelGroup => {
    const fixed = FIXED_GROUPS[key];
    if (fixed) return { key, title: fixed.title, question: fixed.question, models: members, counterparts: [] };
    const bug = key.replace(/^bug-/, '');
    const defect = members.map((m) => bugDefect(factsOf(m).description)).find((d) => d !== undefined);
    const counterparts = [...new Set(members.map((m) => factsOf(m).counterpart).filter((c): c is string => c !== undefined))];
    return {
      key,
      title: `Bug ${bug}`,
      question: defect ? `${defect}: does the model catch this bug, and does the fixed code pass?` : 'Does the model catch this bug, and does the fixed code pass?',
      models: members,
      counterparts,
    };
  });
  const rank = (g: ModelGroup) => FIXED_GROUPS[g.key]?.rank ?? 2;
  return groups.sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? numberOf(a.key) - numberOf(b.key) : 0));
}

/** True for the models whose counterexample demonstrates a planted bug (read closed by default). */
export function isBugModel(name: string): boolean {
  return bugNumber(name) !== undefined;
}
