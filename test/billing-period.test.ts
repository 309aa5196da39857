import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainError } from '../core/domain-error.ts';
import { isEnded, nextPeriod, previousPeriod, requestedPeriod, parsePeriodId, periodContaining, periodId, toTmfTimePeriod } from '../core/billing-period.ts';

describe('monthly billing periods (UTC)', () => {
  it('finds the calendar month containing a date', () => {
    const p = periodContaining(new Date('2026-01-15T10:30:00Z'));
    assert.equal(p.start.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(p.end.toISOString(), '2026-02-01T00:00:00.000Z');
    assert.equal(periodId(p), '2026-01');
  });

  it('uses UTC at month boundaries, whatever the local time zone', () => {
    assert.equal(periodId(periodContaining(new Date('2026-01-31T23:59:59.999Z'))), '2026-01');
    assert.equal(periodId(periodContaining(new Date('2026-02-01T00:00:00.000Z'))), '2026-02');
    assert.equal(periodId(periodContaining(new Date('2026-02-01T00:30:00+01:00'))), '2026-01');
  });

  it('moves to the next period across a year end', () => {
    const december = parsePeriodId('2026-12');
    assert.equal(periodId(nextPeriod(december)), '2027-01');
    assert.equal(nextPeriod(december).start.getTime(), december.end.getTime());
  });

  it('is ended from its exclusive end onwards', () => {
    const p = parsePeriodId('2026-02');
    assert.equal(isEnded(p, new Date('2026-02-28T23:59:59.999Z')), false);
    assert.equal(isEnded(p, new Date('2026-03-01T00:00:00.000Z')), true);
    assert.equal(isEnded(p, new Date('2026-02-10T00:00:00.000Z')), false);
  });

  it('parses ids, including years below 100, and rejects malformed ones', () => {
    assert.equal(parsePeriodId('2028-02').end.toISOString(), '2028-03-01T00:00:00.000Z');
    assert.equal(periodId(parsePeriodId('0050-03')), '0050-03');
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '2026/01', '']) {
      assert.throws(() => parsePeriodId(bad), RangeError, bad);
    }
    assert.throws(() => periodContaining(new Date('nope')), RangeError);
  });

  it('gives the TMF TimePeriod form', () => {
    assert.deepEqual(toTmfTimePeriod(parsePeriodId('2026-01')), {
      startDateTime: '2026-01-01T00:00:00.000Z',
      endDateTime: '2026-02-01T00:00:00.000Z',
    });
  });

  const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });

  it('every date lies in its period, which starts on the first of a month at midnight UTC', () => {
    fc.assert(
      fc.property(dates, (d) => {
        const p = periodContaining(d);
        assert.ok(p.start.getTime() <= d.getTime() && d.getTime() < p.end.getTime());
        assert.equal(p.start.getUTCDate(), 1);
        assert.equal(p.start.getTime() % 86_400_000, 0);
        assert.equal(periodId(nextPeriod(p)) > periodId(p), true);
        assert.equal(nextPeriod(p).start.getTime(), p.end.getTime());
      }),
    );
  });

  it('ids round-trip through parsePeriodId', () => {
    fc.assert(
      fc.property(dates, (d) => {
        const p = periodContaining(d);
        const back = parsePeriodId(periodId(p));
        assert.equal(back.start.getTime(), p.start.getTime());
        assert.equal(back.end.getTime(), p.end.getTime());
      }),
    );
  });
});

describe('requestedPeriod and previousPeriod', () => {
  it("reads a requested period, and refuses anything else in the domain's words", () => {
    assert.equal(requestedPeriod('2026-02', 'billing').end.toISOString(), '2026-03-01T00:00:00.000Z');
    for (const bad of ['2026-13', '2026-1', undefined, 202601]) {
      assert.throws(
        () => requestedPeriod(bad, 'settlement'),
        (e: unknown) => e instanceof DomainError && e.refusal === 'invalid' && e.message === `A settlement period is written YYYY-MM, got '${String(bad)}'`,
      );
    }
  });

  it('steps back across a year', () => {
    assert.equal(periodId(previousPeriod(parsePeriodId('2026-01'))), '2025-12');
    assert.equal(periodId(previousPeriod(parsePeriodId('2026-03'))), '2026-02');
  });
});
