import { z } from 'zod';
import type { TlcValue } from './value.ts';

/** zod schema of {@link TlcValue} (recursive), for validating stored or received values. */
export const tlcValueSchema: z.ZodType<TlcValue> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('int'), value: z.number().int() }),
    z.object({ kind: z.literal('bool'), value: z.boolean() }),
    z.object({ kind: z.literal('string'), value: z.string() }),
    z.object({ kind: z.literal('modelValue'), name: z.string().min(1) }),
    z.object({ kind: z.literal('record'), fields: z.array(z.tuple([z.string(), tlcValueSchema])) }),
    z.object({ kind: z.literal('tuple'), items: z.array(tlcValueSchema) }),
    z.object({ kind: z.literal('function'), entries: z.array(z.tuple([tlcValueSchema, tlcValueSchema])) }),
    z.object({ kind: z.literal('set'), items: z.array(tlcValueSchema) }),
    z.object({ kind: z.literal('interval'), low: z.number().int(), high: z.number().int() }),
  ]),
);

/** zod schema of a parsed state (variable name → value). */
export const tlcStateSchema = z.record(z.string(), tlcValueSchema);
