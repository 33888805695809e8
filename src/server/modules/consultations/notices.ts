/** An invited member is asked to reply, on their invitations page (commands; the demo's history). */
export const invitationNotice = (c: { title: string }, m: { meetingOn: string; startTime: string; place: string }) => ({
  kind: 'meetingInvitation', title: `会议邀请：${c.title}`, body: `${m.meetingOn} ${m.startTime}，${m.place}。请回复是否参加。`,
  href: '/meetings', params: { title: c.title, date: m.meetingOn, time: m.startTime, place: m.place },
});
