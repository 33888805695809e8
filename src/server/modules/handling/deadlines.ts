// One module per function: the date-fns barrel loads some 250 files at every start.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

// Deadline arithmetic of the handling engine, on calendar dates (YYYY-MM-DD) in China's time zone.

export interface HandlingSettings {
  returnWindowDays: number; // a unit may return an item within this many days of assignment
  replyMonths: number;      // reply due this many months after assignment (and after a re-handling)
  maxMonths: number;        // extensions never beyond this many months from the period's start
  coOpinionMonths: number;  // co-handling units send their opinion within this
}

export const DEFAULT_HANDLING: HandlingSettings = { returnWindowDays: 7, replyMonths: 3, maxMonths: 6, coOpinionMonths: 1 };

const fmt = (d: Date) => format(d, 'yyyy-MM-dd');

// Made once: building an Intl.DateTimeFormat costs more than a workflow action's SQL on a fast path.
const chinaDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Today's date in China (Asia/Shanghai), whatever the server's zone. */
export function today(now: Date = new Date()): string {
  return chinaDate.format(now);
}

export const plusDays = (day: string, n: number) => fmt(addDays(parseISO(day), n));
export const plusMonths = (day: string, n: number) => fmt(addMonths(parseISO(day), n));

/** Dates of a new assignment made on `start`. */
export function assignmentDates(start: string, role: 'lead' | 'co', s: HandlingSettings, dueOn?: string) {
  return {
    periodStart: start,
    returnBy: plusDays(start, s.returnWindowDays),
    dueOn: dueOn ?? plusMonths(start, role === 'lead' ? s.replyMonths : s.coOpinionMonths),
  };
}

/** The latest due date an extension may reach. */
export const extensionCap = (periodStart: string, s: HandlingSettings) => plusMonths(periodStart, s.maxMonths);

/** Whole days from `from` to `to` (negative when `to` is past). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseISO(to).getTime() - parseISO(from).getTime()) / 86_400_000);
}
