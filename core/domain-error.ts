/**
 * Why a party's business refuses something, in its own words: the domain knows nothing of HTTP. The edge
 * (the TMF toolkit's error handler, tmf/errors.ts) maps each kind to its status: invalid → 400,
 * forbidden → 403, not-found → 404, conflict → 409, with the code, reason and message kept as they are.
 */
export type Refusal = 'invalid' | 'forbidden' | 'not-found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly code: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The input breaks a business rule (a missing reference, a wrong amount). */
export const invalid = (reason: string, message: string, code = 'INVALID_REQUEST') => new DomainError('invalid', code, reason, message);
/** The caller may not do this (e.g. a partner acting outside its bundle). */
export const forbidden = (message: string) => new DomainError('forbidden', 'OUTSIDE_API_BUNDLE', 'Not allowed for this partner', message);
/** What the request names does not exist. */
export const notFound = (what: string, id: string) => new DomainError('not-found', 'NOT_FOUND', `${what} not found`, `No ${what} with id ${id}`);
/** The request clashes with the current state (already paid, not accepted, billed twice). */
export const conflict = (reason: string, message: string, code = 'CONFLICT') => new DomainError('conflict', code, reason, message);
