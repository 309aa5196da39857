/** Unit tests of figure 9's business rules: ticket life cycle, routing, redirect, SLA rules, settlement, payment. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Decimal } from 'decimal.js';
import { CALL_CENTER_CONTRACT, decisionPatch, dueFor, reviewSettlement } from '../actors/call-center/domain/ticket-settlement-review.ts';
import { checkSettlementPayment } from '../core/settlement-payment-check.ts';
import { natureOf, routeOf } from '../actors/call-center/domain/routing.ts';
import {
  checkSettlementChange,
  handledTickets,
  recordDispute,
  revisedAdvice,
  SETTLEMENT_POLICY,
  settlementAdvice,
  ticketAmount,
  type KnownTicket,
} from '../actors/car-manufacturer/domain/ticket-settlement.ts';
import { correlate } from '../actors/trouble-tickets/domain/alarm.ts';
import { checkRedirect, refusePingPong } from '../actors/trouble-tickets/domain/redirect.ts';
import { breaches, hoursBetween, keeps, measureOperation, seedSlas } from '../actors/trouble-tickets/domain/sla-rules.ts';
import { canMove, changeStatus, openTicket, TICKET_TRANSITIONS } from '../actors/trouble-tickets/domain/ticket-status.ts';
import { issuedTicketInvoice } from '../actors/car-manufacturer/domain/ticket-invoice.ts';
import { parsePeriodId } from '../core/billing-period.ts';
import type { Entity } from '../tmf/data.ts';
import type { CustomerBill, SettlementNoteAdvice, TroubleTicket } from '../tmf/resources.ts';
import { DomainError } from '../core/domain-error.ts';
import { toTmfError } from '../tmf/errors.ts';
import { validate } from '../tmf/schemas/index.ts';

const NOW = new Date('2026-03-02T08:00:00Z');
const ticket = (extra: Partial<TroubleTicket> = {}): TroubleTicket =>
  openTicket({ id: 'TT-1', href: '/tt/TT-1', '@type': 'TroubleTicket', description: 'd', severity: 'minor', ticketType: 'connectivity', ...extra }, NOW);
const refusedWith = (status: number, reason: string) => (e: unknown) => e instanceof DomainError && toTmfError(e).status === status && e.reason === reason;

describe('ticket state machine', () => {
  test('a new ticket is acknowledged, with its history started', () => {
    const t = ticket();
    assert.equal(t.status, 'acknowledged');
    assert.deepEqual(t.statusChange, [{ status: 'acknowledged', changeDate: NOW.toISOString() }]);
  });

  test('acknowledged → inProgress → resolved → closed, each change dated, the resolution too', () => {
    const later = new Date('2026-03-02T10:00:00Z');
    const resolved = changeStatus(changeStatus(ticket(), 'inProgress', NOW), 'resolved', later, 'fixed');
    assert.equal(resolved.resolutionDate, later.toISOString());
    assert.equal(resolved.statusChangeReason, 'fixed');
    const closed = changeStatus(resolved, 'closed', later);
    assert.deepEqual(
      (closed.statusChange as { status: string }[]).map((c) => c.status),
      ['acknowledged', 'inProgress', 'resolved', 'closed'],
    );
  });

  test('final statuses lead nowhere: closed → inProgress is a 409', () => {
    for (const final of ['closed', 'cancelled', 'rejected'] as const) assert.deepEqual(TICKET_TRANSITIONS[final], []);
    const closed = { ...ticket(), status: 'closed' as const };
    assert.throws(() => changeStatus(closed, 'inProgress', NOW), refusedWith(409, 'Illegal status transition'));
  });

  test('a resolved ticket may be taken up again, an acknowledged one cannot be closed unresolved', () => {
    assert.equal(canMove('resolved', 'inProgress'), true);
    assert.equal(canMove('acknowledged', 'closed'), false);
    assert.equal(canMove('held', 'held'), true);
  });
});

describe('routing rules', () => {
  test('connectivity troubles go to the CSP, app and vehicle troubles to the OEM', () => {
    assert.deepEqual(routeOf({ description: 'No mobile data connection since this morning' }), { nature: 'connectivity', resolver: 'csp' });
    assert.deepEqual(routeOf({ description: 'The music streaming app freezes on the screen' }), { nature: 'infotainment', resolver: 'car-manufacturer' });
    assert.deepEqual(routeOf({ description: 'A warning light about the brake' }), { nature: 'vehicle', resolver: 'car-manufacturer' });
  });

  test('the nature most words point at wins; symptoms count; nothing recognised is a vehicle trouble', () => {
    assert.equal(natureOf({ description: 'The navigation app shows no map', symptoms: ['no network', 'no signal', 'roaming'] }), 'connectivity');
    assert.equal(natureOf({ description: 'It makes a strange noise' }), 'vehicle');
    assert.equal(natureOf({ description: 'Happy about the apple' }), 'vehicle', 'whole words only: "apple" is no "app"');
  });
});

describe('redirect', () => {
  test('only to the other resolver, of a ticket that may still be rejected', () => {
    assert.equal(checkRedirect(ticket(), 'csp', 'car-manufacturer'), 'car-manufacturer');
    assert.throws(() => checkRedirect(ticket(), 'csp', 'csp'), refusedWith(400, 'Invalid redirect target'));
    assert.throws(() => checkRedirect(ticket(), 'csp', 'driver'), refusedWith(400, 'Invalid redirect target'));
    assert.throws(() => checkRedirect({ ...ticket(), status: 'resolved' as const }, 'csp', 'car-manufacturer'), refusedWith(409, 'Illegal status transition'));
  });

  test('a trouble this party already turned away cannot come back (ping-pong)', () => {
    const turnedAway = { ...ticket({ externalId: 'M-1' }), status: 'rejected' as const, statusChangeReason: 'not ours' };
    assert.throws(() => refusePingPong([turnedAway], ticket({ externalId: 'M-1' }), 'csp'), refusedWith(409, 'Redirect ping-pong'));
    refusePingPong([turnedAway], ticket({ externalId: 'M-2' }), 'csp');
    refusePingPong([{ ...turnedAway, status: 'closed' as const }], ticket({ externalId: 'M-1' }), 'csp');
  });
});

describe('SLA rules', () => {
  const [sla] = seedSlas('csp', NOW);

  test('availability ≥ 99.5 %: 99.5 keeps it, 99.49 breaches it, compared exactly', () => {
    const rule = { metric: 'connectivity.availability', operator: '>=', referenceValue: '99.5' };
    assert.equal(keeps(rule, new Decimal('99.5')), true);
    assert.equal(keeps(rule, new Decimal('99.49')), false);
    assert.deepEqual(
      breaches([sla], 'connectivity.availability', new Decimal('99.2')).map((b) => b.rule.id),
      ['availability'],
    );
    assert.deepEqual(breaches([sla], 'connectivity.availability', new Decimal('99.9')), []);
  });

  test('resolution ≤ 4 h: 4 h keeps it, 4 h 1 min breaches it', () => {
    assert.equal(hoursBetween('2026-03-02T08:00:00Z', '2026-03-02T12:00:00Z').toString(), '4');
    assert.deepEqual(breaches([sla], 'ticket.resolutionTime', hoursBetween('2026-03-02T08:00:00Z', '2026-03-02T12:00:00Z')), []);
    assert.equal(breaches([sla], 'ticket.resolutionTime', hoursBetween('2026-03-02T08:00:00Z', '2026-03-02T12:01:00Z')).length, 1);
  });

  test('the seeded SLAs are valid TMF623 v2 entities', () => {
    for (const provider of ['csp', 'car-manufacturer'] as const) assert.deepEqual(validate('Sla', seedSlas(provider, NOW)[0], 'response'), []);
  });

  test('an alarm is correlated with the violation of its metric identifier, or refused', () => {
    const violation = { id: '1', href: '/v/1', '@type': 'SlaViolation', violation: { metric: 'connectivity.availability:2026-03', actualValue: '99.2' } };
    const alarm = ticket({
      ticketType: 'alarm',
      relatedEntity: [{ id: 'connectivity.availability:2026-03', role: 'slaMetric', '@referredType': 'SlaMetric' }],
    });
    assert.equal(correlate(alarm, [violation]).violation.id, '1');
    assert.throws(() => correlate(alarm, []), refusedWith(400, 'Unknown metric'));
    assert.throws(() => correlate(ticket({ ticketType: 'alarm' }), [violation]), refusedWith(400, 'Alarm without metric'));
  });
});

describe('settlement computation', () => {
  const period = parsePeriodId('2026-03');
  const t = (
    party: string,
    id: string,
    external: string,
    status: string,
    created: string,
    resolved?: string,
    extra: Record<string, unknown> = {},
  ): KnownTicket => ({
    party,
    ticket: {
      id,
      href: `/${id}`,
      '@type': 'TroubleTicket',
      externalId: external,
      status,
      creationDate: created,
      ...(resolved ? { resolutionDate: resolved } : {}),
      ticketType: 'connectivity',
      ...extra,
    },
  });

  test('one handled ticket per trouble: a redirected one counts once, from its first ticket; alarms and unresolved ones not at all', () => {
    const handled = handledTickets(
      [
        t('csp', 'TT-1', 'M-1', 'rejected', '2026-03-02T08:00:00Z'),
        t('car-manufacturer', 'TT-1', 'M-1', 'closed', '2026-03-02T08:30:00Z', '2026-03-02T13:00:00Z'),
        t('csp', 'TT-2', 'M-2', 'resolved', '2026-03-03T08:00:00Z', '2026-03-03T09:00:00Z'),
        t('csp', 'TT-3', 'M-3', 'inProgress', '2026-03-04T08:00:00Z'),
        t('csp', 'TT-4', 'A-1', 'closed', '2026-03-04T08:00:00Z', '2026-03-04T09:00:00Z', { ticketType: 'alarm' }),
        t('csp', 'TT-5', 'M-5', 'closed', '2026-02-27T08:00:00Z', '2026-02-28T09:00:00Z'),
      ],
      period,
    );
    assert.deepEqual(
      handled.map((h) => [h.trouble, h.resolver, h.hours.toString()]),
      [
        ['M-1', 'car-manufacturer', '5'],
        ['M-2', 'csp', '1'],
      ],
    );
  });

  test('fee 15.00 EUR: +10 % within 4 h, −20 % beyond, exact to the cent', () => {
    const h = (hours: string) => ({ trouble: 'M', openedAt: '', resolvedAt: '', resolver: 'csp', hours: new Decimal(hours) });
    assert.equal(ticketAmount(h('4'), SETTLEMENT_POLICY).amount.toString(), '16.50 EUR');
    assert.equal(ticketAmount(h('4.01'), SETTLEMENT_POLICY).amount.toString(), '12.00 EUR');
    assert.equal(
      ticketAmount(h('1'), { ...SETTLEMENT_POLICY, feePerTicket: '10.05', bonusPercent: '3' }).amount.toString(),
      '10.35 EUR',
      '10.3515 rounds half-up',
    );
  });

  test('the advice has one item per ticket, taxed per line, totals the exact sums; a revision corrects only the disputed items', () => {
    const handled = [
      { trouble: 'M-1', openedAt: '', resolvedAt: '', resolver: 'csp', hours: new Decimal('2') },
      { trouble: 'M-2', openedAt: '', resolvedAt: '', resolver: 'car-manufacturer', hours: new Decimal('6') },
    ];
    const body = settlementAdvice(handled, SETTLEMENT_POLICY, period, NOW);
    assert.deepEqual([body.taxExcludedAmount, body.taxIncludedAmount], [28.5, 34.2]);
    assert.deepEqual(
      (body.settlementNoteItem as { itemId: string; taxIncludedAmount: number }[]).map((i) => [i.itemId, i.taxIncludedAmount]),
      [
        ['M-1', 19.8],
        ['M-2', 14.4],
      ],
    );
    const advice = { ...body, id: '1', href: '/n/1', '@type': 'SettlementNoteAdvice' } as SettlementNoteAdvice;
    assert.deepEqual(validate('SettlementNoteAdvice', advice, 'response'), []);
    const items = advice.settlementNoteItem as { itemId: string; taxExcludedAmount: number }[];
    const disputing = (itemId: string) =>
      recordDispute(
        { ...advice, state: 'issued' },
        {
          ...advice,
          state: 'disputed',
          disputeReason: 'x',
          taxExcludedAmount: 0,
          settlementNoteItem: items.map((i) => (i.itemId === itemId ? { ...i, taxExcludedAmount: 99, disputeReason: `item ${itemId}` } : i)),
        },
      );
    const disputedPenalty = disputing('M-2');
    assert.equal(disputedPenalty.taxExcludedAmount, 28.5, 'a dispute changes no amount: the receiver only states its reasons');
    const revised = revisedAdvice(disputedPenalty, SETTLEMENT_POLICY);
    assert.deepEqual([revised.state, revised.revision, revised.taxExcludedAmount, revised.taxIncludedAmount], ['revised', 1, 31.5, 37.8]);
    assert.deepEqual(
      (revised.settlementNoteItem as { taxExcludedAmount: number }[]).map((i) => i.taxExcludedAmount),
      [16.5, 15],
    );
    const disputedBonus = revisedAdvice(disputing('M-1'), SETTLEMENT_POLICY);
    assert.deepEqual(
      (disputedBonus.settlementNoteItem as { taxExcludedAmount: number }[]).map((i) => i.taxExcludedAmount),
      [16.5, 12],
      'the undisputed penalty stands',
    );
    assert.throws(() => settlementAdvice([], SETTLEMENT_POLICY, period, NOW), refusedWith(409, 'Nothing to settle'));
  });

  test('states: issued → accepted | disputed → revised (by the issuer only) → accepted → paid', () => {
    checkSettlementChange('1', 'issued', 'disputed', false);
    checkSettlementChange('1', 'disputed', 'revised', true);
    checkSettlementChange('1', 'accepted', 'paid', false);
    assert.throws(() => checkSettlementChange('1', 'disputed', 'revised', false), refusedWith(409, 'Only the issuer revises'));
    assert.throws(() => checkSettlementChange('1', 'issued', 'paid', false), refusedWith(409, 'Illegal settlement state change'));
    assert.throws(() => checkSettlementChange('1', 'paid', 'accepted', true), refusedWith(409, 'Illegal settlement state change'));
  });
});

describe('payment of a settlement at the call center', () => {
  const note = (state: string): Entity => ({ id: '7', href: '/n/7', '@type': 'SettlementNoteAdvice', state, currencyCode: 'EUR', taxIncludedAmount: 37.8 });
  const payment = (value: number, id = 'p-1'): Entity => ({
    id,
    href: `/p/${id}`,
    '@type': 'Payment',
    totalAmount: { unit: 'EUR', value },
    paymentItem: [{ item: { id: '7', '@referredType': 'SettlementNoteAdvice' } }],
  });

  test('an accepted note is paid its exact amount, once', () => {
    assert.equal(checkSettlementPayment(payment(37.8), [note('accepted')], []).id, '7');
    assert.throws(() => checkSettlementPayment(payment(37.8, 'p-2'), [note('accepted')], [payment(37.8)]), refusedWith(409, 'Already paid'));
  });

  test('not before acceptance, not another amount, not an unknown note', () => {
    for (const state of ['issued', 'disputed', 'revised'])
      assert.throws(() => checkSettlementPayment(payment(37.8), [note(state)], []), refusedWith(409, 'Settlement not accepted'));
    assert.throws(() => checkSettlementPayment(payment(37.79), [note('accepted')], []), refusedWith(400, 'Wrong amount'));
    assert.throws(() => checkSettlementPayment(payment(37.8), [], []), refusedWith(400, 'Unknown settlement note'));
    assert.throws(() => checkSettlementPayment({ ...payment(37.8), paymentItem: [] }, [note('accepted')], []), refusedWith(400, 'No settlement note'));
  });
});

describe('the call center judges a settlement note by its own records and contract', () => {
  const record = (ticket: string, nature: string, hours: string) => ({ ticket, nature, hours: new Decimal(hours) });
  const note = (items: [string, number, number][]) =>
    ({
      id: '1',
      href: '/n/1',
      '@type': 'SettlementNoteAdvice',
      taxIncludedAmount: items.reduce((a, [, , g]) => a + g * 100, 0) / 100,
      settlementNoteItem: items.map(([itemId, net, gross]) => ({ itemId, taxExcludedAmount: net, taxIncludedAmount: gross })),
    }) as Entity;

  test('due per ticket: bonus within 4 h (exactly 4 h included), malus beyond, no malus on an infotainment software fault', () => {
    assert.equal(dueFor(record('a', 'connectivity', '4'), CALL_CENTER_CONTRACT).amount.toString(), '16.50 EUR');
    assert.equal(dueFor(record('a', 'connectivity', '4.5'), CALL_CENTER_CONTRACT).amount.toString(), '12.00 EUR');
    assert.equal(dueFor(record('a', 'infotainment', '6'), CALL_CENTER_CONTRACT).amount.toString(), '15.00 EUR');
  });

  test('accepts a note its records confirm item by item, tax included', () => {
    const review = reviewSettlement(
      note([
        ['a', 16.5, 19.8],
        ['b', 12, 14.4],
      ]),
      [record('a', 'connectivity', '2'), record('b', 'vehicle', '6')],
      CALL_CENTER_CONTRACT,
    );
    assert.equal(review.decision, 'accepted');
    assert.deepEqual(
      review.items.map((i) => i.verdict),
      ['accepted', 'accepted'],
    );
    assert.deepEqual(decisionPatch(note([]), review), { state: 'accepted' });
  });

  test('disputes only the items that differ, each with its reason; a ticket missing from the note is a reason too', () => {
    const records = [record('a', 'connectivity', '2'), record('b', 'infotainment', '6'), record('c', 'connectivity', '1')];
    const review = reviewSettlement(
      note([
        ['a', 16.5, 19.8],
        ['b', 12, 14.4],
        ['x', 15, 18],
      ]),
      records,
      CALL_CENTER_CONTRACT,
    );
    assert.equal(review.decision, 'disputed');
    assert.deepEqual(
      review.items.map((i) => [i.itemId, i.verdict, i.due]),
      [
        ['a', 'accepted', '16.50'],
        ['b', 'disputed', '15.00'],
        ['x', 'disputed', '0.00'],
      ],
    );
    assert.deepEqual(review.noteReasons, ['ticket c was handled and resolved in the period but is not on the note']);
    const patch = decisionPatch(
      note([
        ['a', 16.5, 19.8],
        ['b', 12, 14.4],
        ['x', 15, 18],
      ]),
      review,
    ) as { settlementNoteItem: { itemId: string; disputeReason?: string }[] };
    assert.deepEqual(
      patch.settlementNoteItem.map((i) => [i.itemId, i.disputeReason !== undefined]),
      [
        ['a', false],
        ['b', true],
        ['x', true],
      ],
    );
  });

  test("disputes an item whose tax is not the contract's 20 %", () => {
    const review = reviewSettlement(note([['a', 16.5, 19.81]]), [record('a', 'connectivity', '2')], CALL_CENTER_CONTRACT);
    assert.equal(review.items[0].verdict, 'disputed');
    assert.match(review.items[0].reason!, /makes 19\.80/);
  });
});

describe("SLA measurements come from the party's own operation", () => {
  const march = parsePeriodId('2026-03');
  const outage = (start: string, minutes: number) => ({ start, end: new Date(Date.parse(start) + minutes * 60_000).toISOString(), description: 'fault' });
  const availabilityOf = (outages: { start: string; end: string; description: string }[]) =>
    measureOperation(march, 'connectivity.availability', outages, [], '2026-03')[0].value;

  test('availability is the share of the month outside every outage, to the hundredth', () => {
    assert.equal(availabilityOf([]), '100.00');
    assert.equal(availabilityOf([outage('2026-03-10T02:00:00Z', 240)]), '99.46');
    assert.equal(availabilityOf([outage('2026-03-10T02:00:00Z', 223.2)]), '99.50', 'exactly the SLA: kept');
    assert.equal(availabilityOf([outage('2026-02-28T22:00:00Z', 240)]), '99.73', 'only the 2 h inside March count');
  });

  test('each customer ticket resolved in the period is measured by its resolution time; alarms are not', () => {
    const ticket = (id: string, type: string, from: string, to: string) =>
      ({
        id,
        href: id,
        '@type': 'TroubleTicket',
        ticketType: type,
        status: 'resolved',
        creationDate: from,
        resolutionDate: to,
        relatedParty: [{ id: 'driver', role: 'customer' }],
      }) as Entity;
    const measured = measureOperation(
      march,
      'connectivity.availability',
      [],
      [
        ticket('1', 'connectivity', '2026-03-02T08:00:00Z', '2026-03-02T12:00:00Z'),
        ticket('2', 'connectivity', '2026-03-03T08:00:00Z', '2026-03-03T12:30:00Z'),
        ticket('3', 'alarm', '2026-03-04T08:00:00Z', '2026-03-04T18:00:00Z'),
      ],
      '2026-03',
    ).slice(1);
    assert.deepEqual(
      measured.map((m) => [m.subject, m.value]),
      [
        ['ticket-1', '4'],
        ['ticket-2', '4.5'],
      ],
    );
    const slas = seedSlas('csp', new Date('2026-01-01T00:00:00Z'));
    assert.deepEqual(
      measured.map((m) => breaches(slas, m.metric, new Decimal(m.value)).length),
      [0, 1],
      'exactly 4 h keeps the SLA, 4.5 h breaches it',
    );
  });
});

describe('ticket invoice (9.14)', () => {
  const january = parsePeriodId('2026-01');
  const billingPeriod = { startDateTime: '2026-01-01T00:00:00.000Z', endDateTime: '2026-02-01T00:00:00.000Z' };
  const bill = (billNo: string, extra: Partial<CustomerBill> = {}): CustomerBill => ({
    id: billNo,
    href: `/b/${billNo}`,
    '@type': 'CustomerBill',
    state: 'new',
    billNo,
    billingPeriod,
    ...extra,
  });

  test("the period's ticket invoice is found by its number, never a driver's bill of the same period", () => {
    const driverBill = bill('OEM-2026-01-00001', { billingAccount: { id: 'ba-1' } });
    assert.equal(issuedTicketInvoice([driverBill], january), undefined);
    const invoice = bill('OEM-TT-2026-01');
    assert.equal(issuedTicketInvoice([driverBill, invoice], january), invoice);
    assert.equal(issuedTicketInvoice([invoice], parsePeriodId('2026-02')), undefined);
  });
});
