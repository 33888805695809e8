import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TProperties } from 'typebox';
import { actorOf, ctxOf, Day, errorResponses, IdParams, Name, Text, Uuid } from '../../core/http.ts';
import { badRequest, say } from '../../core/errors.ts';
import { authorize } from '../../core/policies.ts';
import { readUpload, sendAttachment } from '../handling/attachment-http.ts';
import { loadConsultation } from './access.ts';
import { TASK_KEYS } from './checklist.ts';
import {
  addInvitees, decideLeave, FILE_KIND, loadMeeting, markAttendance, removeInvitees, replyInvitation, scheduleMeeting, sendInvitations, signIn,
  uploadDeliverable, uploadMeetingFile, uploadSpeech, writeMinutes,
} from './meeting-commands.ts';
import { myInvitations, presentMeeting, signInScreen } from './meeting-queries.ts';
import { meetingSettings, saveMeetingSettings } from './meeting-rules.ts';
import { checklistOf } from './queries.ts';

// The routes of a consultation's meeting (互动式协商) and of the 八个一 deliverables.

const obj = <T extends TProperties>(props: T, opts: object = {}) => Type.Object(props, { additionalProperties: false, ...opts });
const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM' });
const MemberIds = Type.Array(Uuid, { maxItems: 1000 });
const multipart = { consumes: ['multipart/form-data'] };

export async function meetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['consultations'];
  const view = async (req: { params: { id: string } } & Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(req);
    return presentMeeting(app.db, actor, await loadMeeting(app.db, actor, req.params.id));
  };

  app.get('/consultations/invitations', { schema: { tags, summary: 'My meeting invitations (a member): the reply, leave and attendance of each' } }, async (req) =>
    myInvitations(app.db, actorOf(req)));

  app.get('/consultations/meeting-settings', { schema: { tags, summary: 'Working days before a meeting when invitations and materials are due, and the holidays not counted' } }, async (req) =>
    meetingSettings(app.db, actorOf(req).orgId));

  app.patch('/consultations/meeting-settings', {
    schema: {
      tags, summary: 'Change the meeting deadlines and holidays (admins)',
      body: Type.Partial(obj({ invitationDays: Type.Integer({ minimum: 0, maximum: 60 }), materialsDays: Type.Integer({ minimum: 0, maximum: 60 }), holidays: Type.Array(Day, { maxItems: 400 }) }), { additionalProperties: false, minProperties: 1 }),
      response: { ...errorResponses },
    },
  }, async (req) => saveMeetingSettings(ctxOf(req), req.body));

  app.get('/consultations/:id/meeting', { schema: { tags, summary: 'The meeting: day, place, agenda, deadlines, invitees with their reply and attendance, files and minutes', params: IdParams } },
    async (req) => view(req));

  app.put('/consultations/:id/meeting', {
    schema: {
      tags, summary: 'Set the meeting\'s day, time, place and agenda (staff); the agenda\'s speakers are put on the list', params: IdParams,
      body: obj({
        date: Day, time: Clock, place: Name(200),
        agenda: Type.Array(obj({ time: Clock, title: Name(200), speakerMemberId: Type.Optional(Type.Union([Uuid, Type.Null()])), speaker: Type.Optional(Type.Union([Name(100), Type.Null()])) }), { maxItems: 50 }),
      }),
      response: { ...errorResponses },
    },
  }, async (req) => {
    await scheduleMeeting(ctxOf(req), req.params.id, req.body);
    return view(req);
  });

  app.post('/consultations/:id/meeting/invitees', {
    schema: {
      tags, summary: 'Add members to the list (staff): by hand, whole sectors, special committees or the standing committee', params: IdParams,
      body: obj({ memberIds: Type.Optional(MemberIds), sectorIds: Type.Optional(Type.Array(Uuid, { maxItems: 100 })), committeeIds: Type.Optional(Type.Array(Uuid, { maxItems: 100 })), standing: Type.Optional(Type.Boolean()) }, { minProperties: 1 }),
      response: { ...errorResponses },
    },
  }, async (req) => ({ ...(await addInvitees(ctxOf(req), req.params.id, req.body)), meeting: await view(req) }));

  app.post('/consultations/:id/meeting/invitees/remove', {
    schema: { tags, summary: 'Take members off the list (staff; not those signed in)', params: IdParams, body: obj({ memberIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }) }), response: { ...errorResponses } },
  }, async (req) => ({ ...(await removeInvitees(ctxOf(req), req.params.id, req.body.memberIds)), meeting: await view(req) }));

  app.post('/consultations/:id/meeting/invitations', {
    preValidation: async (req) => { if (req.body === undefined) req.body = {}; },
    schema: { tags, summary: 'Send the invitations not yet sent (staff): a notice and a to-do for each member', params: IdParams, body: obj({}), response: { ...errorResponses } },
  }, async (req) => ({ ...(await sendInvitations(ctxOf(req), req.params.id)), meeting: await view(req) }));

  app.post('/consultations/:id/meeting/reply', {
    schema: { tags, summary: 'Reply to my invitation (the invited member): attend, or ask for leave with a reason', params: IdParams, body: obj({ answer: lit(['attend', 'leave'] as const), reason: Type.Optional(Text(500)) }), response: { ...errorResponses } },
  }, async (req) => {
    await replyInvitation(ctxOf(req), req.params.id, req.body);
    return view(req);
  });

  app.post('/consultations/:id/meeting/leave', {
    schema: { tags, summary: 'Grant or refuse a member\'s leave request (staff); the member is told', params: IdParams, body: obj({ memberId: Uuid, approve: Type.Boolean(), note: Type.Optional(Text(500)) }), response: { ...errorResponses } },
  }, async (req) => {
    await decideLeave(ctxOf(req), req.params.id, req.body);
    return view(req);
  });

  app.get('/consultations/:id/meeting/sign-in-code', { schema: { tags, summary: 'The sign-in screen (staff): the code shown at the venue now, when it turns, and the count signed in', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const lm = await loadMeeting(app.db, actor, req.params.id);
    authorize(actor, 'consultation.manage');
    return signInScreen(app.db, lm);
  });

  app.post('/consultations/:id/meeting/sign-in', {
    schema: { tags, summary: 'Sign in at the venue with the code shown there (the invited member)', params: IdParams, body: obj({ code: Type.String({ pattern: '^[0-9]{6}$' }) }), response: { ...errorResponses } },
  }, async (req) => signIn(ctxOf(req), req.params.id, req.body.code));

  app.post('/consultations/:id/meeting/attendance', {
    schema: { tags, summary: 'Tick or untick a member on the attendance list (staff)', params: IdParams, body: obj({ memberId: Uuid, present: Type.Boolean() }), response: { ...errorResponses } },
  }, async (req) => {
    await markAttendance(ctxOf(req), req.params.id, req.body);
    return view(req);
  });

  app.put('/consultations/:id/meeting/minutes', {
    schema: { tags, summary: 'Write the minutes (staff, after the meeting)', params: IdParams, body: obj({ text: Text(20000) }), response: { ...errorResponses } },
  }, async (req) => {
    await writeMinutes(ctxOf(req), req.params.id, req.body.text);
    return view(req);
  });

  for (const kind of ['materials', 'minutes/file'] as const) {
    app.post(`/consultations/:id/meeting/${kind}`, {
      schema: { tags, summary: kind === 'materials' ? 'Upload a material of the meeting (staff; multipart field "file")' : 'Upload the minutes as a document (staff, after the meeting)', params: IdParams, ...multipart },
    }, async (req, reply) => {
      const { id } = req.params as { id: string };
      await loadMeeting(app.db, actorOf(req), id); // an unknown meeting is a 404 before any upload is read
      return reply.status(201).send(await uploadMeetingFile(ctxOf(req), id, kind === 'materials' ? 'material' : 'minutes', await readUpload(req)));
    });
  }

  app.post('/consultations/:id/meeting/speeches', {
    schema: { tags, summary: 'Upload a speech (a speaker of the agenda for themself; staff for any speaker, named by memberId)', params: IdParams, querystring: obj({ memberId: Type.Optional(Uuid) }), ...multipart },
  }, async (req, reply) => {
    await loadMeeting(app.db, actorOf(req), req.params.id);
    return reply.status(201).send(await uploadSpeech(ctxOf(req), req.params.id, req.query.memberId, await readUpload(req)));
  });

  app.get('/consultations/:id/files/:fileId', {
    schema: { tags, summary: 'Download a file of the consultation: a material, speech, minutes or checklist deliverable', params: obj({ id: Uuid, fileId: Uuid }) },
  }, async (req, reply) => {
    const { c } = await loadConsultation(app.db, actorOf(req), req.params.id);
    return sendAttachment(req, reply, { orgId: c.orgId, kind: FILE_KIND, id: c.id }, req.params.fileId);
  });

  app.post('/consultations/:id/checklist/deliverable', {
    schema: { tags, summary: 'Upload the deliverable of one of the 八个一 (staff; multipart field "file"); the item may then be marked done', params: IdParams, querystring: obj({ key: Type.Optional(lit(TASK_KEYS)) }), ...multipart },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await loadConsultation(app.db, actor, req.params.id); // an unknown consultation is a 404 first
    const { key } = req.query;
    if (!key) throw badRequest(say('请指明清单事项', 'Name the checklist item'), [{ path: '/querystring/key', message: say('必填', 'required') }]);
    const file = await uploadDeliverable(ctxOf(req), req.params.id, key, await readUpload(req));
    return reply.status(201).send({ file, checklist: await checklistOf(app.db, (await loadConsultation(app.db, actor, req.params.id)).c) });
  });
}
