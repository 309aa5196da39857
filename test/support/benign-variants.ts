import type { ActorId } from '../../core/actor-ids.ts';
import { entities, type PartnerFault } from './partner-faults.ts';

/**
 * What a partner may do otherwise than the simulated parties and still follow the standard: each one,
 * planted alone in front of a real party, must give no failing finding. The mutation suite's faults are
 * the other half: what breaks the standard must be caught.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every object of a body (the entities, their parts and references), depth first. */
function objectsOf(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const v of value) objectsOf(v, out);
  else if (isObject(value)) {
    out.push(value);
    for (const v of Object.values(value)) objectsOf(v, out);
  }
  return out;
}

/** A date-time in UTC written with `+00:00` rather than `Z`, the same instant (RFC 3339). */
const asOffset = (text: string) => (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(text) ? `${text.slice(0, -1)}+00:00` : text);

const VARIANTS: readonly Omit<PartnerFault, 'party' | 'rule'>[] = [
  {
    name: 'attributes of its own on every entity (TMF extension)',
    plant: () => ({
      answer: (a) => {
        // Not in a `fields=` projection: that carries what it was asked for.
        if (/[?&]fields=/.test(a.path)) return;
        for (const e of entities(a)) Object.assign(e, { partnerNote: 'kept by the partner', partnerScore: 7, partnerFlags: { vip: true } });
      },
    }),
  },
  {
    name: 'the attributes of every object in another order',
    plant: () => ({
      answer: (a) => {
        for (const o of objectsOf(a.body)) {
          const entries = Object.entries(o).reverse();
          for (const [k] of entries) delete o[k];
          Object.assign(o, Object.fromEntries(entries));
        }
      },
    }),
  },
  {
    name: 'date-times in UTC written +00:00',
    plant: () => ({
      answer: (a) => {
        for (const o of objectsOf(a.body)) for (const [k, v] of Object.entries(o)) if (typeof v === 'string') o[k] = asOffset(v);
      },
    }),
  },
  {
    name: 'a subtype of each resource, with @baseType and @schemaLocation',
    plant: () => ({
      answer: (a) => {
        for (const e of entities(a))
          if (typeof e['@type'] === 'string' && e['@baseType'] === undefined)
            Object.assign(e, { '@baseType': e['@type'], '@type': `Partner${e['@type']}`, '@schemaLocation': 'https://partner.example/schemas/extension.json' });
      },
    }),
  },
  {
    name: 'error bodies with a referenceError and an @type',
    plant: () => ({
      answer: (a) => {
        if (a.status >= 400 && isObject(a.body)) Object.assign(a.body, { referenceError: 'https://partner.example/errors', '@type': 'Error' });
      },
    }),
  },
  {
    name: 'the JSON media type written without a space before its charset',
    plant: () => ({
      answer: (a) => {
        a.headers['content-type'] = 'application/json;charset=utf-8';
      },
    }),
  },
];

/** Each variant, in front of each of these parties. */
export const benignVariants = (parties: readonly ActorId[]): PartnerFault[] =>
  parties.flatMap((party) => VARIANTS.map((v) => ({ ...v, party, rule: '(none: what the standard allows)' })));
