import type { Faker } from '@faker-js/faker';
import { faker as english } from '@faker-js/faker/locale/en';

/**
 * Faker's English build exports its instance only; its class (typed as a plain Function) makes more.
 * `@faker-js/faker`'s main entry, which exports the class, loads every locale: about 0.15 s of CPU in
 * each process that starts a party (and the test suite starts many).
 */
const EnglishFaker = english.constructor;

/** What the English build's class made is a Faker (checked, not assumed). */
function isFaker(made: unknown): made is Faker {
  return made instanceof EnglishFaker;
}

/**
 * A Faker with the English locale, seeded: the same seed gives the same names, VINs and usage, the
 * same values as `new Faker({ locale: [en] })` (the English build's merged definitions).
 */
export function seededFaker(seed: number): Faker {
  const faker: unknown = Reflect.construct(EnglishFaker, [{ locale: english.rawDefinitions }]);
  if (!isFaker(faker)) throw new Error("Faker's English build made something that is not a Faker");
  faker.seed(seed);
  return faker;
}
