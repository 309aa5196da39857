import type { Faker } from '@faker-js/faker';
import { faker as english } from '@faker-js/faker/locale/en';

/**
 * A Faker with the English locale, seeded: the same seed gives the same names, VINs and usage.
 *
 * Imported from the English build only: `@faker-js/faker`'s main entry loads every locale, about 0.15 s
 * of CPU in each process that starts a party (and the test suite starts many). Its instance's class
 * and merged English definitions make the same values as `new Faker({ locale: [en] })`.
 */
export function seededFaker(seed: number): Faker {
  const EnglishFaker = english.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker;
  const faker = new EnglishFaker({ locale: english.rawDefinitions });
  faker.seed(seed);
  return faker;
}
