import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conflict, type DomainError, forbidden, invalid, notFound } from '../core/domain-error.ts';
import { TmfError, tmfErrorHandler, toTmfError } from '../tmf/errors.ts';
import { call, jsonApp, startApp } from './support/http-app.ts';

test('each kind of domain refusal becomes its TMF error at the edge, code, reason and message unchanged', () => {
  const cases: [DomainError, number, string][] = [
    [invalid('Wrong amount', 'Settled for 18.00 EUR, not 17.99 EUR'), 400, 'INVALID_REQUEST'],
    [invalid('Invalid period', 'A billing period is written YYYY-MM', 'BAD_PERIOD'), 400, 'BAD_PERIOD'],
    [forbidden('Only the issuer revises a note'), 403, 'OUTSIDE_API_BUNDLE'],
    [notFound('settlement note', '7'), 404, 'NOT_FOUND'],
    [conflict('Already paid', 'Note 7 was already paid', 'DUPLICATE_PAYMENT'), 409, 'DUPLICATE_PAYMENT'],
  ];
  for (const [refusal, status, code] of cases) {
    const answer = toTmfError(refusal);
    assert.ok(answer instanceof TmfError);
    assert.deepEqual(answer.toBody(), { code, reason: refusal.reason, message: refusal.message, status: String(status), '@type': 'Error' });
  }
});

test('a domain refusal thrown behind a router is answered as the TMF error, not a 500', async () => {
  const app = jsonApp();
  app.post('/pay', () => {
    throw conflict('Settlement not accepted', 'Settlement note advice 3 is issued: only an accepted advice is paid', 'NOT_ACCEPTED');
  });
  app.use(tmfErrorHandler);
  const running = await startApp(app);
  try {
    const res = await call(running.baseUrl, 'POST', '/pay', { body: {} });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, {
      code: 'NOT_ACCEPTED',
      reason: 'Settlement not accepted',
      message: 'Settlement note advice 3 is issued: only an accepted advice is paid',
      status: '409',
      '@type': 'Error',
    });
  } finally {
    await running.close();
  }
});
