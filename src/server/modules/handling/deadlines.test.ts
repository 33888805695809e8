import { describe, expect, it } from 'vitest';
import { assignmentDates, daysBetween, DEFAULT_HANDLING, extensionCap, plusDays, plusMonths, today } from './deadlines.ts';

describe('handling deadlines', () => {
  it('gives a lead unit 3 months and a co unit 1 month, and 7 days to return', () => {
    expect(assignmentDates('2026-03-10', 'lead', DEFAULT_HANDLING)).toEqual({ periodStart: '2026-03-10', returnBy: '2026-03-17', dueOn: '2026-06-10' });
    expect(assignmentDates('2026-03-10', 'co', DEFAULT_HANDLING).dueOn).toBe('2026-04-10');
  });

  it('clamps month arithmetic at month ends', () => {
    expect(plusMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(plusMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(plusDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('caps extensions at 6 months from the start of the handling period', () => {
    expect(extensionCap('2026-03-10', DEFAULT_HANDLING)).toBe('2026-09-10');
    expect(extensionCap('2026-08-31', DEFAULT_HANDLING)).toBe('2027-02-28');
    expect(extensionCap('2026-03-10', { ...DEFAULT_HANDLING, maxMonths: 4 })).toBe('2026-07-10');
  });

  it('honours an explicit due date', () => {
    expect(assignmentDates('2026-03-10', 'lead', DEFAULT_HANDLING, '2026-05-01').dueOn).toBe('2026-05-01');
  });

  it("counts today in China's time zone", () => {
    expect(today(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28'); // 00:30 in Beijing
    expect(today(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
    expect(daysBetween('2026-11-27', '2026-12-11')).toBe(14);
    expect(daysBetween('2026-11-27', '2026-11-20')).toBe(-7);
  });
});
