import { defineParameterType } from '@cucumber/cucumber';
import type { ActorId } from '../../core/actor-ids.ts';

/**
 * `{resolver}`: the CSP or the car manufacturer, as the party that resolves tickets or reviews offers.
 * Cucumber applies a parameter type to every regex capture with the same pattern too, so steps name
 * these two parties through it and get the actor id.
 */
defineParameterType({ name: 'resolver', regexp: /CSP|car manufacturer/, transformer: (s: string): ActorId => (s === 'CSP' ? 'csp' : 'car-manufacturer') });

/** `{amount}`: an exact money amount with its two decimals, e.g. `1.25`, kept as text so no float rounds it. */
defineParameterType({ name: 'amount', regexp: /\d+\.\d{2}/, transformer: (s: string): string => s });

/** `{intList}`: whole numbers written `5000, 120 and 600`. */
defineParameterType({ name: 'intList', regexp: /\d+(?:(?:, | and )\d+)*/, transformer: (s: string): number[] => s.split(/, | and /).map(Number) });
