/**
 * Reading data whose shape is not known statically (a body from a peer, an extension attribute the
 * schema leaves open) without casts: each guard checks at run time what the type then says.
 */
import type { TmfMoney } from './money.ts';

export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The elements of a list, or none when the value is not one. */
export const listIn = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** TMF money: a currency code and a number. */
export const isTmfMoney = (value: unknown): value is TmfMoney => isRecord(value) && typeof value.unit === 'string' && typeof value.value === 'number';
