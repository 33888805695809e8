import type { Tx } from '../../core/db/client.ts';
import { scheduleJobs } from '../../core/jobs.ts';
import { plusDays } from '../handling/deadlines.ts';

// Unexcused absence (无故缺席): once a meeting's day has passed, a job names the invited members who
// neither signed in nor had leave granted, in one `meetingAttendance.absent` event (duty.ts). The job
// is keyed by meeting and day: a meeting moved gets a new one, and the old one finds the day not
// passed and says nothing.

export const MEETING_ABSENCE_JOB = 'meetingAbsence';

/** Schedules the absence check for the day after the meeting (00:05 China time). */
export async function scheduleAbsenceCheck(tx: Tx, orgId: string, consultationId: string, meetingOn: string) {
  await scheduleJobs(tx, [{
    orgId, kind: MEETING_ABSENCE_JOB, key: `meetingAbsence:${consultationId}:${meetingOn}`, runAt: new Date(`${plusDays(meetingOn, 1)}T00:05:00+08:00`), payload: { consultationId },
  }]);
}
