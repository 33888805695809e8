import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';
import { plusDays } from '../handling/deadlines.ts';

// The rules of a consultation's meeting that need no database: the deadlines before it, counted in
// working days, and the short sign-in code that rotates at the venue.

export interface MeetingSettings {
  /** Invitations go out this many working days before the meeting. */
  invitationDays: number;
  /** Speeches and materials are due this many working days before the meeting. */
  materialsDays: number;
  /** Days off besides weekends (YYYY-MM-DD), e.g. the public holidays of the year. */
  holidays: string[];
}

export const DEFAULT_MEETING: MeetingSettings = { invitationDays: 15, materialsDays: 10, holidays: [] };

/** The committee's meeting settings: its own values in orgs.settings.meetings, else the defaults. */
export function meetingSettingsFrom(stored: unknown): MeetingSettings {
  const s = ((stored ?? {}) as { meetings?: Partial<MeetingSettings> }).meetings ?? {};
  return { ...DEFAULT_MEETING, ...s };
}

export async function meetingSettings(db: Queryable, orgId: string) {
  const [org] = await db.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, orgId));
  return meetingSettingsFrom(org?.settings);
}

/** Admins change the committee's meeting settings. */
export function saveMeetingSettings(ctx: Ctx, patch: Partial<MeetingSettings>) {
  return runCommand(ctx, async (c) => {
    c.authorize('org.configure');
    const [org] = await c.tx.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, c.actor.orgId)).for('update');
    const before = meetingSettingsFrom(org?.settings);
    const after = { ...before, ...patch, ...(patch.holidays ? { holidays: [...new Set(patch.holidays)].sort() } : {}) };
    await c.tx.update(orgs).set({ settings: { ...(org?.settings ?? {}), meetings: after } }).where(eq(orgs.id, c.actor.orgId));
    await c.record({ action: 'settings', entity: 'org', entityId: c.actor.orgId, before: { meetings: before }, after: { meetings: after } });
    return after;
  });
}

const isWorkingDay = (day: string, holidays: ReadonlySet<string>) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
};

/** The day `n` working days before `day` (weekends and the listed holidays do not count). */
export function workingDaysBefore(day: string, n: number, holidays: readonly string[] = []) {
  const off = new Set(holidays);
  let d = day;
  for (let left = n; left > 0;) {
    d = plusDays(d, -1);
    if (isWorkingDay(d, off)) left--;
  }
  return d;
}

/** When invitations and materials are due for a meeting on `meetingOn`. */
export const meetingDeadlines = (meetingOn: string, s: MeetingSettings) => ({
  invitationsBy: workingDaysBefore(meetingOn, s.invitationDays, s.holidays),
  materialsBy: workingDaysBefore(meetingOn, s.materialsDays, s.holidays),
});

/** A sign-in code lives this long; the one before the current is still taken (a member typing as it turns). */
export const CODE_SECONDS = 60;

const codeAt = (secret: string, window: number) => {
  const mac = crypto.createHmac('sha256', secret).update(String(window)).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
};

/** The code shown at the venue now, and when it turns. */
export function currentCode(secret: string, now = Date.now()) {
  const window = Math.floor(now / 1000 / CODE_SECONDS);
  return { code: codeAt(secret, window), expiresAt: new Date((window + 1) * CODE_SECONDS * 1000).toISOString() };
}

/** Whether `code` is the current or the previous code. */
export function codeIsValid(secret: string, code: string, now = Date.now()) {
  const window = Math.floor(now / 1000 / CODE_SECONDS);
  return [window, window - 1].some((w) => crypto.timingSafeEqual(Buffer.from(codeAt(secret, w)), Buffer.from(code.padEnd(6).slice(0, 6))));
}

export const newCodeSecret = () => crypto.randomBytes(24).toString('base64url');
