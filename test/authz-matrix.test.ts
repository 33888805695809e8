import type { LightMyRequestResponse } from 'fastify';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { apiOperations, converted, day, engines, opinionIn, proposalIn, sessionHeaders, snapshotter, testApp, type OpinionStage, type ProposalStage, type TestApp } from './helpers.ts';
import { selectionIn, type SelectionRound, type SelectionStage } from './selection-helpers.ts';
import { rosterFile } from './roster.ts';
import { createSession, toActor } from '../src/server/core/auth/tokens.ts';
import { notifications } from '../src/server/core/jobs-schema.ts';
import { auditLog, outbox, users } from '../src/server/core/schema.ts';
import { actionName, entityName } from '../src/server/core/audit/names.ts';
import { chineseFont } from '../src/server/modules/handling/letter.ts';
import { pdfOf } from '../src/server/modules/library/samples.ts';
import { renderers } from '../src/server/modules/library/tools.ts';

// The authorization matrix: every route of the app × every kind of caller → the exact status.
//
// How routes are found: buildApp() creates its own Fastify instance and registers everything
// before we could add an onRoute hook to it. So the test wraps the `fastify` factory (vi.mock) to
// add the hook the moment the instance is created; it then sees every route, including ones hidden
// from the OpenAPI document. The OpenAPI document is checked against that list as well.
// A route that is registered but missing from MATRIX below (or listed but gone) fails the test.
const registered = vi.hoisted(() => new Set<string>());
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  const create = ((opts?: object) => {
    const app = mod.default(opts as never);
    app.addHook('onRoute', (r) => { for (const m of [r.method].flat()) registered.add(`${m} ${r.url}`); });
    return app;
  }) as typeof mod.default;
  return { ...mod, default: create, fastify: create };
});

type Role = 'admin' | 'staff' | 'leader' | 'member' | 'unit';
const ANYONE: readonly Role[] = ['admin', 'staff', 'leader', 'member', 'unit'];
const OFFICE: readonly Role[] = ['admin', 'staff'];
const ADMIN: readonly Role[] = ['admin'];
const CREATION_READERS: readonly Role[] = ['admin', 'staff', 'leader', 'member'];

interface Caller {
  name: string; login?: string; roles: Role[]; foreign: boolean;
  /** A committee above this one (org/oversight.ts): it may see this committee in its tree. */
  above?: boolean;
  /** Where a rule spells statuses out per caller, this caller gets the status of `like`. */
  like?: string;
}
const CALLERS: Caller[] = [
  { name: 'anonymous', roles: [], foreign: false },
  { name: 'admin', login: 'admin', roles: ['admin'], foreign: false },
  { name: 'staff', login: 'staff', roles: ['staff'], foreign: false },
  { name: 'leader', login: 'leader', roles: ['leader'], foreign: false },
  { name: 'member', login: 'member', roles: ['member'], foreign: false },
  { name: 'unitA', login: 'unitA', roles: ['unit'], foreign: false },
  { name: 'unitB', login: 'unitB', roles: ['unit'], foreign: false },
  // Users of another committee, acting on this committee's objects.
  { name: 'otherAdmin', login: 'otherAdmin', roles: ['admin'], foreign: true },
  { name: 'otherStaff', login: 'otherStaff', roles: ['staff'], foreign: true },
  // The committees above this one and beside it (org/oversight.ts): oversight, not control — on
  // this committee's objects they are as foreign as any other committee.
  { name: 'parentAdmin', login: 'parentAdmin', roles: ['admin'], foreign: true, above: true, like: 'otherAdmin' },
  { name: 'grandparentStaff', login: 'grandparentStaff', roles: ['staff'], foreign: true, above: true, like: 'otherStaff' },
  { name: 'siblingAdmin', login: 'siblingAdmin', roles: ['admin'], foreign: true, like: 'otherAdmin' },
];
const SPELLED = CALLERS.filter((c) => !c.like);

interface Ctx {
  t: TestApp; caller: Caller; termId: string;
  /** The status this caller should get: a refused call may share its target with others. */
  want: number;
  uniq(prefix: string): string;
  /** 11, 12, 13, … (term and session numbers; the fixture has term 5) */
  next(): number;
  /**
   * The object to act on: made for this call when the call should change it; otherwise (reads,
   * refused calls, which change nothing) one made once and shared under `key`.
   */
  target(key: string, make: () => Promise<string>): Promise<string>;
  /** A proposal of the member's in that stage (see proposalIn); `slot` tells shared ones apart. */
  proposal(stage: ProposalStage, slot?: string): Promise<string>;
  /** A filed proposal to merge into, and the grounds a rejection must start with. */
  mergeTarget: string; grounds: string[];
}
interface Req { id?: string; params?: Record<string, string>; body?: unknown; query?: Record<string, string>; headers?: Record<string, string>; form?: FormData }
interface Rule {
  /** Who may call it: "public" (anyone, even anonymous) or the roles allowed. */
  who: 'public' | readonly Role[] | 'see statuses';
  /**
   * For objects whose access depends on the caller's part in them (proposals), the statuses
   * spelled out per caller, in the order of CALLERS.
   */
  statuses?: string;
  /** The route acts on one of this committee's objects: callers of another committee get 404. */
  scoped?: boolean;
  /**
   * The committees above this one read this route's rows of this committee (org/oversight.ts): for
   * them a read of this committee's object succeeds, and its ids may show.
   */
  sharedUp?: boolean;
  /** The route names the deployment's committees to anyone (the public chooser): their own ids may show, no row of theirs. */
  namesCommittees?: boolean;
  /** The status of a successful call. */
  ok: 200 | 201 | 204;
  /** A valid request for this caller (fresh objects and unique names so allowed calls succeed). */
  req?: (c: Ctx) => Req | Promise<Req>;
}

/** The expected status for a caller, from the rule. */
function expected(rule: Rule, caller: Caller): number {
  const status = spelledOut(rule, caller);
  return caller.above && rule.sharedUp && status === 404 ? rule.ok : status;
}
function spelledOut(rule: Rule, caller: Caller): number {
  if (rule.statuses) {
    const all = rule.statuses.trim().split(/\s+/).map(Number);
    if (all.length !== SPELLED.length) throw new Error(`statuses "${rule.statuses}" should give one per caller`);
    return all[SPELLED.findIndex((c) => c.name === (caller.like ?? caller.name))]!;
  }
  if (rule.who === 'see statuses') throw new Error('statuses missing');
  if (rule.who === 'public') return rule.ok;
  if (!caller.login) return 401;
  if (!caller.roles.some((r) => (rule.who as readonly Role[]).includes(r))) return 403;
  if (caller.foreign && rule.scoped) return 404;
  return rule.ok;
}

// Helpers for requests. Objects to act on are made by the admin (see Ctx.target).
async function inject(t: TestApp, login: string, method: string, url: string, payload?: unknown) {
  return t.app.inject({ method: method as 'POST', url, headers: await t.as(login), ...(payload === undefined ? {} : { payload: payload as object }) });
}
function fresh(c: Ctx, path: string, body: object): Promise<string> {
  return c.target(path, async () => {
    const res = await inject(c.t, 'admin', 'POST', `/api/v1/${path}`, body);
    if (res.statusCode !== 201) throw new Error(`create ${path}: ${res.statusCode} ${res.body}`);
    return res.json().id;
  });
}
/** Another session of the user (made directly: the login route is tested on its own). */
async function freshSession(t: TestApp, login: string): Promise<Record<string, string>> {
  const [user] = await t.database.db.select().from(users).where(and(eq(users.orgId, t.fx.orgOf[login]!), eq(users.username, login)));
  return sessionHeaders(await createSession(t.database.db, t.app.keys, toActor(user!), 1));
}
const newMember = (c: Ctx) => fresh(c, 'members', { name: c.uniq('委员'), sectorId: c.t.fx.sectorIds[0], party: '民进', standing: false });
const newUser = (c: Ctx) => fresh(c, 'users', { username: c.uniq('u'), password: 'long-enough-1', roles: ['staff'] });
/** A sector and a member of the caller's own committee (for a caller of another committee, of theirs). */
const sectorOf = (c: Ctx) => (c.caller.foreign ? c.t.fx.sectorOfOrg[c.t.fx.orgOf[c.caller.login!]!]! : c.t.fx.sectorIds[0]!);
const memberOfCaller = (c: Ctx) => (c.caller.foreign ? c.t.fx.memberOfOrg[c.t.fx.orgOf[c.caller.login!]!]! : c.t.fx.memberIds[1]!);
/** A notification of the caller's own (of the admin's, for a caller of another committee). */
async function notificationFor(c: Ctx): Promise<string> {
  const owner = c.caller.login && !c.caller.foreign ? c.caller.login : 'admin';
  const [n] = await c.t.database.db.insert(notifications).values({ orgId: c.t.fx.orgId, userId: c.t.fx.userIds[owner]!, kind: 'test', title: c.uniq('通知') }).returning();
  return n!.id;
}

/** A reply letter is made as PDF only where the server has a Chinese font (else 503). */
const PDF = (await chineseFont()) ? 200 : 503;

/** A replied proposal and its reply. */
const replied = (c: Ctx) => c.target('replied proposal', () => proposalIn(c.t, 'replied', c.uniq('答复'))).then(async (id) => ({
  id, params: { replyId: (await inject(c.t, 'staff', 'GET', `/api/v1/proposals/${id}`)).json().replies[0].id as string },
}));
/** A small PDF, and a reply of unit A that carries it as an attachment. */
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const pdfForm = () => { const form = new FormData(); form.append('file', new Blob([new Uint8Array(PDF_BYTES)]), '附件.pdf'); return form; };
const attached = (c: Ctx) => c.target('reply attachment', async () => {
  const id = await proposalIn(c.t, 'handling', c.uniq('附件'));
  const file = (await c.t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/attachments`, headers: await c.t.as('unitA'), payload: pdfForm() })).json();
  await inject(c.t, 'unitA', 'POST', `/api/v1/proposals/${id}/actions/reply`, { category: 'A', content: '已办理', attachmentIds: [file.id] });
  return `${id}/${file.id}`;
}).then((both) => ({ id: both.split('/')[0]!, params: { attachmentId: both.split('/')[1]! } }));

/** A proposal action: the proposal in the given stage, with the action's body. */
const action = (stage: ProposalStage, statuses: string, body: (c: Ctx) => object = () => ({})): Rule =>
  ({ who: 'see statuses', statuses, ok: 200, req: async (c) => ({ id: await c.proposal(stage), body: body(c) }) });
const UNITS = (c: Ctx) => [{ unitId: c.t.fx.unitIds.a, role: 'lead' }, { unitId: c.t.fx.unitIds.b, role: 'co' }];
/** A 社情民意 report of the member's in that stage (see opinionIn), with a body for an action on it. */
const opinion = (stage: OpinionStage, statuses: string, body: (c: Ctx) => object = () => ({})): Rule =>
  ({ who: 'see statuses', statuses, ok: 200, req: async (c) => ({ id: await c.target(`opinion ${stage}`, () => opinionIn(c.t, stage, c.uniq('社情'))), body: body(c) }) });
/** A consultation (staff made) driven into `state`; returns its id. */
const CONSULTATION_PATH = ['prepare', 'convene', 'conclude', 'dispatch', 'track', 'close'];
async function consultationIn(t: TestApp, steps: number, title: string): Promise<string> {
  const id = (await inject(t, 'staff', 'POST', '/api/v1/consultations', { title, kind: 'sector', year: 2031 })).json().id as string;
  for (const action of CONSULTATION_PATH.slice(0, steps)) await inject(t, 'staff', 'POST', `/api/v1/consultations/${id}/actions/${action}`, {});
  return id;
}
const consultation = (c: Ctx, steps = 0) => c.target(`consultation ${steps}`, () => consultationIn(c.t, steps, c.uniq('协商')));
/** A consultation (preparing) with its online comments open, post- or pre-moderated. */
async function commentsOpenIn(t: TestApp, moderation: 'pre' | 'post', title: string): Promise<string> {
  const id = await consultationIn(t, 1, title);
  await inject(t, 'staff', 'POST', `/api/v1/consultations/${id}/actions/openComments`, { moderation });
  return id;
}
const openComments = (c: Ctx) => c.target('open comments', () => commentsOpenIn(c.t, 'post', c.uniq('网络议政')));
/** A comment of the member's: visible (post-moderated), or held (pre-moderated). */
const commentOf = (c: Ctx, moderation: 'pre' | 'post') => c.target(`comment ${moderation}`, async () => {
  const id = await commentsOpenIn(c.t, moderation, c.uniq('网络议政'));
  const comment = (await inject(c.t, 'member', 'POST', `/api/v1/consultations/${id}/comments`, { content: c.uniq('意见') })).json().id as string;
  return `${id}/${comment}`;
}).then((both) => ({ id: both.split('/')[0]!, params: { commentId: both.split('/')[1]! } }));
/** Staff's, on an object of this committee: another committee's is not found, whoever asks. */
const STAFF_ON_OURS = { who: 'see statuses', statuses: '401 403 200 403 403 403 403 404 404', ok: 200 } as const;
/** The office's (admins too), on an object of this committee. */
const STAFF_ON_OURS_ADMIN = { who: 'see statuses', statuses: '401 200 200 403 403 403 403 404 404', ok: 200 } as const;
/** A consultation action by staff, on one in the state the action leaves. */
const consultationAction = (steps: number): Rule =>
  ({ ...STAFF_ON_OURS, req: async (c) => ({ id: await consultation(c, steps), body: {} }) });
/** A recommendation in a stage of its handling: unit A leads, unit B co-handles (both signed from `handling` on). */
type RecStage = 'pending' | 'assigned' | 'handling' | 'extensionAsked' | 'replied';
async function recommendationIn(t: TestApp, stage: RecStage, title: string): Promise<string> {
  const consultationId = await consultationIn(t, 3, title);
  const id = (await inject(t, 'staff', 'POST', `/api/v1/consultations/${consultationId}/recommendations`, { title, content: '建议内容' })).json().id as string;
  const steps: [string, string, object][] = [
    ['staff', 'assign', { units: UNITS_OF(t) }], ['unitA', 'sign', {}], ['unitB', 'sign', {}],
    ...(stage === 'extensionAsked' ? [['unitA', 'requestExtension', { dueDate: day(120), reason: '需要调研' }] as [string, string, object]] : []),
    ['unitA', 'reply', { category: 'B', content: '已列入计划' }],
  ];
  const upTo = { pending: 0, assigned: 1, handling: 3, extensionAsked: 4, replied: 4 }[stage];
  for (const [login, action, body] of steps.slice(0, upTo)) {
    const res = await inject(t, login, 'POST', `/api/v1/recommendations/${id}/actions/${action}`, body);
    if (res.statusCode !== 200) throw new Error(`${login} ${action}: ${res.statusCode} ${res.body}`);
  }
  return id;
}
/** A reply of unit A to a recommendation that carries a PDF. */
const recAttached = (c: Ctx) => c.target('recommendation attachment', async () => {
  const id = await recommendationIn(c.t, 'handling', c.uniq('建议附件'));
  const file = (await c.t.app.inject({ method: 'POST', url: `/api/v1/recommendations/${id}/attachments`, headers: await c.t.as('unitA'), payload: pdfForm() })).json();
  await inject(c.t, 'unitA', 'POST', `/api/v1/recommendations/${id}/actions/reply`, { category: 'A', content: '已办理', attachmentIds: [file.id] });
  return `${id}/${file.id}`;
}).then((both) => ({ id: both.split('/')[0]!, params: { attachmentId: both.split('/')[1]! } }));
const UNITS_OF = (t: TestApp) => [{ unitId: t.fx.unitIds.a, role: 'lead' }, { unitId: t.fx.unitIds.b, role: 'co' }];
const recommendation = (stage: RecStage, statuses: string, body: (c: Ctx) => object = () => ({})): Rule =>
  ({ who: 'see statuses', statuses, ok: 200, req: async (c) => ({ id: await c.target(`recommendation ${stage}`, () => recommendationIn(c.t, stage, c.uniq('建议'))), body: body(c) }) });
/** A council room hosted by unit A, with 张三 (the member login) on it. */
const room = (c: Ctx) => c.target('room', async () =>
  (await inject(c.t, 'staff', 'POST', '/api/v1/consultations/rooms', { name: c.uniq('议事室'), hostUnitId: c.t.fx.unitIds.a, memberIds: [c.t.fx.memberIds[0]] })).json().id as string);
/** A democratic-supervision item, and a visit logged on it. */
const supervisionItem = (c: Ctx) => c.target('supervision', async () =>
  (await inject(c.t, 'staff', 'POST', '/api/v1/consultations', { title: c.uniq('民主监督'), kind: 'supervision', year: 2031 })).json().id as string);
const visit = (c: Ctx) => c.target('visit', async () => {
  const id = await supervisionItem(c);
  return `${id}/${(await inject(c.t, 'staff', 'POST', `/api/v1/consultations/${id}/visits`, { visitedOn: day(-3), place: c.uniq('视察地点'), findings: '发现' })).json().id}`;
}).then((both) => ({ id: both.split('/')[0]!, params: { visitId: both.split('/')[1]! } }));
/**
 * A consultation with its meeting (张三, login "member", speaks): `scheduled`; `invited` (invitations
 * out); `leave` (张三 asks for leave); `today` (invitations out, the meeting today: sign-in open); `past` (held yesterday);
 * `file` (a material uploaded). Id, or id/fileId.
 */
type MeetingStage = 'scheduled' | 'invited' | 'leave' | 'today' | 'past' | 'file';
async function meetingIn(t: TestApp, stage: MeetingStage, title: string): Promise<string> {
  const id = await consultationIn(t, 2, title);
  const must = async (res: Promise<LightMyRequestResponse>) => { const r = await res; if (r.statusCode >= 300) throw new Error(`meeting ${stage}: ${r.statusCode} ${r.body}`); return r; };
  await must(inject(t, 'staff', 'PUT', `/api/v1/consultations/${id}/meeting`, { date: stage === 'past' ? day(-1) : stage === 'today' ? today() : day(20), time: '09:00', place: '会议室',
    agenda: [{ time: '09:00', title: '发言', speakerMemberId: t.fx.memberIds[0] }] }));
  if (stage === 'invited' || stage === 'leave' || stage === 'today') await must(inject(t, 'staff', 'POST', `/api/v1/consultations/${id}/meeting/invitations`, {}));
  if (stage === 'leave') await must(inject(t, 'member', 'POST', `/api/v1/consultations/${id}/meeting/reply`, { answer: 'leave', reason: '出差' }));
  if (stage === 'file') return `${id}/${(await must(t.app.inject({ method: 'POST', url: `/api/v1/consultations/${id}/meeting/materials`, headers: await t.as('staff'), payload: pdfForm() }))).json().id}`;
  return id;
}
const meeting = (c: Ctx, stage: MeetingStage) => c.target(`meeting ${stage}`, () => meetingIn(c.t, stage, c.uniq('会议')));
/** The sign-in code shown now at the meeting's venue. */
const codeOf = async (t: TestApp, id: string) => (await inject(t, 'staff', 'GET', `/api/v1/consultations/${id}/meeting/sign-in-code`)).json().code as string;
const MEMBER_INVITED = '401 403 403 404 200 403 403 404 404';

/** A plan item of a year nobody adopts (2040), and fresh years for the leader to adopt. */
let adoptYear = 2060;
const planItem = (c: Ctx) => c.target('plan item', async () =>
  (await inject(c.t, 'staff', 'POST', '/api/v1/consultations/plan/items', { year: 2040, kind: 'sector', month: 3, topic: c.uniq('计划') })).json().id as string);
const planToAdopt = (c: Ctx) => c.target('plan to adopt', async () => {
  const year = adoptYear++;
  await inject(c.t, 'staff', 'POST', '/api/v1/consultations/plan/items', { year, kind: 'bimonthly', month: 5, topic: c.uniq('计划') });
  return String(year);
});
/** A topic the member proposed this year (shortlisted when asked), and one the caller supports already. */
const TOPIC_YEAR = new Date().getFullYear() + 1;
async function topicIn(t: TestApp, title: string, shortlisted = false): Promise<string> {
  const res = await inject(t, 'member', 'POST', '/api/v1/consultations/topics', { year: TOPIC_YEAR, title, reason: '理由' });
  if (res.statusCode !== 201) throw new Error(`topic: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  if (shortlisted) await inject(t, 'staff', 'POST', `/api/v1/consultations/topics/${id}/actions/shortlist`, {});
  return id;
}
const topic = (c: Ctx, shortlisted = false) => c.target(`topic ${shortlisted}`, () => topicIn(c.t, c.uniq('选题'), shortlisted));
const supportedTopic = (c: Ctx) => c.target('supported topic', async () => {
  const id = await topicIn(c.t, c.uniq('选题'));
  if (c.caller.login && !c.caller.foreign && c.caller.login !== 'member') await inject(c.t, c.caller.login, 'POST', `/api/v1/consultations/topics/${id}/actions/support`, {});
  return id;
});
/** A selection round in that stage (see selectionIn). */
/** 文库: a public one-page PDF, uploaded by staff and processed; its page is an image where poppler is installed. */
const PAGE_IMAGE = renderers().pdftoppm ? 200 : 404;
const documentForm = async (name: string) => {
  const form = new FormData();
  form.append('access', 'public');
  form.append('file', new Blob([new Uint8Array(await pdfOf(name, ['第一页']))]), `${name}.pdf`);
  return form;
};
const libraryDoc = (c: Ctx, key = 'read') => c.target(`library document ${key}`, async () => {
  const res = await c.t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: await c.t.as('staff'), payload: await documentForm(c.uniq('文档')) });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  await c.t.app.library.runner.runDue();
  return res.json().id as string;
});
const libraryReport = (c: Ctx) => c.target('library report', async () => {
  const res = await inject(c.t, 'member', 'POST', `/api/v1/documents/${await libraryDoc(c)}/reports`, { reason: '内容不实' });
  return res.json().id as string;
});
/** A library document linked to the fixture's first member's record (to unlink). */
const linkedDoc = (c: Ctx) => c.target('library document linked', async () => {
  const id = await libraryDoc(c, `linked ${c.uniq('l')}`);
  const res = await inject(c.t, 'staff', 'POST', `/api/v1/documents/${id}/links`, { kind: 'member', targetId: c.t.fx.memberIds[0] });
  if (res.statusCode !== 201) throw new Error(`link: ${res.statusCode} ${res.body}`);
  return id;
});
const onDocument = (statuses: string, ok: 200 | 201 | 204, more: (c: Ctx) => Partial<Req> = () => ({}), key?: string): Rule =>
  ({ who: 'see statuses', statuses, ok, req: async (c) => ({ id: await libraryDoc(c, key), ...more(c) }) });

/** 双联 in 2025: the fixture's graph (generated once per app), and 张三's first link to a member outside the party. */
const LIAISON_YEAR = 2025;
const liaisonGraphs = new WeakMap<TestApp, Promise<string>>();
const zhangsLink = (c: Ctx) => {
  if (!liaisonGraphs.has(c.t)) liaisonGraphs.set(c.t, (async () => {
    await inject(c.t, 'admin', 'POST', '/api/v1/liaison/links/generate', { year: LIAISON_YEAR });
    const res = await inject(c.t, 'admin', 'GET', `/api/v1/liaison/links?year=${LIAISON_YEAR}&kind=partyMember&fromMemberId=${c.t.fx.memberIds[0]}`);
    return res.json().items[0].id as string;
  })());
  return liaisonGraphs.get(c.t)!;
};
/** A link staff made by hand from 张三 to a new member (to reassign or remove). */
const handLink = (c: Ctx) => c.target('liaison hand link', async () => {
  await zhangsLink(c);
  const to = (await inject(c.t, 'admin', 'POST', '/api/v1/members', { name: c.uniq('联系对象'), sectorId: c.t.fx.sectorIds[0], party: '民进', standing: false })).json().id;
  const res = await inject(c.t, 'admin', 'POST', '/api/v1/liaison/links', { year: LIAISON_YEAR, kind: 'partyMember', fromMemberId: c.t.fx.memberIds[0], toMemberId: to });
  if (res.statusCode !== 201) throw new Error(`hand link: ${res.statusCode} ${res.body}`);
  return res.json().id;
});
/** A contact on 张三's link, with an opinion collected; `opinion`: the opinion's id. */
const liaisonContact = (c: Ctx, key: string) => c.target(`liaison contact ${key}`, async () => {
  const res = await inject(c.t, 'admin', 'POST', `/api/v1/liaison/links/${await zhangsLink(c)}/contacts`,
    { date: `${LIAISON_YEAR}-06-01`, channel: 'faceToFace', participants: '张三、李四', topics: '界别协商', opinions: ['建议加强社区养老服务'] });
  if (res.statusCode !== 201) throw new Error(`contact: ${res.statusCode} ${res.body}`);
  return JSON.stringify(res.json());
}).then((json) => JSON.parse(json) as { id: string; opinions: { id: string }[] });
const CONTACT = { date: `${LIAISON_YEAR}-06-02`, channel: 'phone', participants: '张三', topics: '电话了解近况' };
/** A link of 张三's this year (made by hand): his contacts on it are his to correct until the year is out. */
const linksNow = new WeakMap<TestApp, Promise<string>>();
const zhangsLinkNow = (c: Ctx) => {
  if (!linksNow.has(c.t)) linksNow.set(c.t, (async () => {
    const to = (await inject(c.t, 'admin', 'POST', '/api/v1/members', { name: c.uniq('本年联系对象'), sectorId: c.t.fx.sectorIds[0], party: '民进', standing: false })).json().id;
    const res = await inject(c.t, 'admin', 'POST', '/api/v1/liaison/links', { year: Number(today().slice(0, 4)), kind: 'partyMember', fromMemberId: c.t.fx.memberIds[0], toMemberId: to });
    if (res.statusCode !== 201) throw new Error(`link now: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  })());
  return linksNow.get(c.t)!;
};
/** A contact of this year on 张三's link (to correct or delete). */
const contactNow = (c: Ctx) => c.target('liaison contact now', async () => {
  const res = await inject(c.t, 'admin', 'POST', `/api/v1/liaison/links/${await zhangsLinkNow(c)}/contacts`, { date: today(), channel: 'faceToFace', participants: '张三', topics: '误记的见面' });
  if (res.statusCode !== 201) throw new Error(`contact now: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
});
/** 双创: objects of 张三 (the `member` login) made by the admin; a body names a member of the caller's own committee (a member or the linked leader: none, themself). */
const creationOf = (c: Ctx, path: string, body: object) => c.target(`creation ${path}`, async () => {
  const res = await inject(c.t, 'admin', 'POST', `/api/v1/creation/${path}`, body);
  if (res.statusCode !== 201) throw new Error(`create ${path}: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
});
const creationProject = (c: Ctx) => creationOf(c, 'projects', { kind: 'povertyBase', name: '茶叶基地', memberIds: [c.t.fx.memberIds[0]], startedOn: '2025-03-01' });
/** A member's (or a linked leader's) own by default; the office names one. */
const writesOwn = (c: Ctx) => ['member', 'leader'].includes(c.caller.name);
const ownMembers = (c: Ctx) => (writesOwn(c) ? {} : { memberIds: [memberOfCaller(c)] });
const ownMember = (c: Ctx) => (writesOwn(c) ? {} : { memberId: memberOfCaller(c) });
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');
const pngForm = () => { const form = new FormData(); form.append('file', new Blob([new Uint8Array(PNG_BYTES)]), '现场.png'); return form; };
const creationFile = (c: Ctx) => c.target('creation file', async () => {
  const id = await creationProject(c);
  const file = (await c.t.app.inject({ method: 'POST', url: `/api/v1/creation/projects/${id}/files`, headers: await c.t.as('admin'), payload: pngForm() })).json();
  return `${id}/${file.id}`;
}).then((both) => ({ id: both.split('/')[0]!, params: { fileId: both.split('/')[1]! } }));
/** The fixture's 2025 plenary session (the 双联见面会 is held during it). */
const session2025 = (c: Ctx) => c.target('session 2025', async () =>
  (await inject(c.t, 'admin', 'GET', '/api/v1/terms')).json().items.flatMap((t: { sessions: { id: string; startsOn: string }[] }) => t.sessions).find((s: { startsOn: string }) => s.startsOn === '2025-01-10').id as string);
const meetingBody = async (c: Ctx) => ({ date: '2025-01-11', place: '会议中心', sessionId: await session2025(c), attendeeIds: [c.t.fx.memberIds[0], c.t.fx.memberIds[1]], topics: ['履职交流'], opinions: [{ memberId: c.t.fx.memberIds[1], content: '建议' }] });
const liaisonMeeting = (c: Ctx) => c.target('liaison meeting', async () => (await inject(c.t, 'admin', 'POST', '/api/v1/liaison/meetings', await meetingBody(c))).json().id as string);
/** 张三's annual report of LIAISON_YEAR, uploaded by the office as a PDF. */
const uploadedReport = (c: Ctx) => c.target('uploaded report', async () => {
  await zhangsLink(c);
  const res = await c.t.app.inject({ method: 'POST', url: `/api/v1/liaison/reports/file?year=${LIAISON_YEAR}&memberId=${c.t.fx.memberIds[0]}`, headers: await c.t.as('admin'), payload: pdfForm() });
  if (res.statusCode !== 200) throw new Error(`report upload: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
});
/** Party groups and campaigns (made by the admin). */
const partyGroup = (c: Ctx) => c.target('party group', async () => (await inject(c.t, 'admin', 'POST', '/api/v1/party/groups', { kind: 'officeCommittee', name: c.uniq('机关党委') })).json().id as string);
/** A group and one of its members (both made for the call that removes it). */
const groupEntry = (c: Ctx) => c.target('party group entry', async () => {
  const group = (await inject(c.t, 'admin', 'POST', '/api/v1/party/groups', { kind: 'officeCommittee', name: c.uniq('机关党委') })).json().id as string;
  const res = await inject(c.t, 'admin', 'POST', `/api/v1/party/groups/${group}/members`, { name: c.uniq('干事') });
  return `${group}/${res.json().id}`;
}).then((both) => ({ id: both.split('/')[0]!, params: { entryId: both.split('/')[1]! } }));
const campaign = (c: Ctx) => c.target('campaign', async () => (await inject(c.t, 'admin', 'POST', '/api/v1/campaigns', { title: c.uniq('献一计'), theme: '建言', opensOn: day(-1), closesOn: day(30) })).json().id as string);
const campaignIdea = (c: Ctx) => c.target('campaign idea', async () => (await inject(c.t, 'member', 'POST', `/api/v1/campaigns/${await campaign(c)}/ideas`, { title: c.uniq('一计'), content: '建议内容' })).json().id as string);
const selection = (c: Ctx, stage: SelectionStage) =>
  c.target(`selection ${stage}`, async () => JSON.stringify(await selectionIn(c.t, stage, c.uniq('评选')))).then((r) => JSON.parse(r) as SelectionRound);

/** The expectation table: every route of the app, as built. */
const MATRIX: Record<string, Rule> = {
  // Sessions and personal API tokens.
  'POST /api/v1/auth/login': {
    who: 'public', ok: 200,
    req: ({ t, caller }) => { const u = caller.login ?? 'member2'; return { body: { username: u, password: t.fx.password, org: t.fx.orgOf[u] } }; },
  },
  // A throwaway session, so that the caller's own session survives.
  'POST /api/v1/auth/logout': { who: 'public', ok: 204, req: async ({ t, caller }) => (caller.login ? { headers: await freshSession(t, caller.login) } : {}) },
  'GET /api/v1/auth/me': { who: ANYONE, ok: 200 },
  'GET /api/v1/auth/session': { who: 'public', ok: 200 },
  'POST /api/v1/auth/register': {
    // (in the caller's own committee: what it answers is no business of the matrix's foreign callers)
    who: 'public', ok: 201, req: (c) => ({ body: { username: c.uniq('netizen'), password: 'netizen-pass-1', displayName: '网友', org: c.caller.foreign ? c.t.fx.otherOrgId : c.t.fx.orgId } }),
  },
  'GET /api/v1/auth/tokens': { who: ANYONE, ok: 200 },
  'POST /api/v1/auth/tokens': { who: ANYONE, ok: 201, req: (c) => ({ body: { name: c.uniq('token') } }) },
  // One's own token; a caller of another committee tries the admin's.
  'DELETE /api/v1/auth/tokens/:id': {
    who: ANYONE, scoped: true, ok: 204,
    req: async (c) => {
      const owner = c.caller.login && !c.caller.foreign ? c.caller.login : 'admin';
      return { id: (await inject(c.t, owner, 'POST', '/api/v1/auth/tokens', { name: c.uniq('token') })).json().id };
    },
  },
  // One person on several levels (core/auth/accounts.ts): the caller links a fresh login of another
  // committee (they know its password: the fixture's) — the city's callers one of its county, the
  // others one outside the city's tree — and switches to their own committee (a fresh session, since
  // a switch ends the session it came from).
  'GET /api/v1/auth/memberships': { who: ANYONE, ok: 200 },
  'POST /api/v1/auth/memberships': {
    who: ANYONE, ok: 201,
    req: async (c) => {
      const [hash] = await c.t.database.db.select({ hash: users.passwordHash }).from(users).where(and(eq(users.orgId, c.t.fx.orgId), eq(users.username, 'admin')));
      const username = c.uniq('linked');
      const own = c.caller.login ? c.t.fx.orgOf[c.caller.login]! : c.t.fx.orgId;
      const org = !c.caller.foreign ? c.t.fx.countyId : own === c.t.fx.otherOrgId ? c.t.fx.siblingOrgId : c.t.fx.otherOrgId;
      await c.t.database.db.insert(users).values({ orgId: org, username, displayName: username, passwordHash: hash!.hash, roles: ['member'] });
      return { body: { username, password: c.t.fx.password, org } };
    },
  },
  // …and takes one out again: a fresh login of that committee, joined to the caller's account here.
  'DELETE /api/v1/auth/memberships/:orgId': {
    who: ANYONE, ok: 200,
    req: async (c) => {
      const own = c.caller.login ? c.t.fx.orgOf[c.caller.login]! : c.t.fx.orgId;
      const org = !c.caller.foreign ? c.t.fx.countyId : own === c.t.fx.otherOrgId ? c.t.fx.siblingOrgId : c.t.fx.otherOrgId;
      if (c.caller.login) {
        const db = c.t.database.db;
        const [me] = await db.select().from(users).where(and(eq(users.orgId, own), eq(users.username, c.caller.login)));
        const accountId = me!.accountId ?? crypto.randomUUID();
        await db.update(users).set({ accountId }).where(and(eq(users.orgId, own), eq(users.id, me!.id)));
        // (one membership per committee: the one POST linked above may be there already)
        const [there] = await db.select({ id: users.id }).from(users).where(and(eq(users.orgId, org), eq(users.accountId, accountId)));
        const username = c.uniq('unlinked');
        if (!there) await db.insert(users).values({ orgId: org, username, displayName: username, passwordHash: me!.passwordHash, roles: ['member'], accountId });
      }
      return { params: { orgId: org } };
    },
  },
  'POST /api/v1/auth/switch': {
    who: ANYONE, ok: 200,
    req: async ({ t, caller }) => ({ ...(caller.login ? { headers: await freshSession(t, caller.login) } : {}), body: { orgId: (caller.login && t.fx.orgOf[caller.login]) || t.fx.orgId } }),
  },
  'GET /api/v1/audit': { who: ADMIN, ok: 200 },
  'GET /api/v1/audit.xlsx': { who: ADMIN, ok: 200 },
  'GET /api/v1/audit.csv': { who: ADMIN, ok: 200 },
  'GET /api/v1/audit/entities': { who: ADMIN, ok: 200 },
  // A download of the caller's own committee.
  'GET /api/v1/backup': { who: ADMIN, ok: 200 },

  // 界别
  'GET /api/v1/sectors': { who: ANYONE, ok: 200 },
  'GET /api/v1/sectors.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/sectors.csv': { who: ANYONE, ok: 200 },
  'POST /api/v1/sectors': { who: OFFICE, ok: 201, req: (c) => ({ body: { name: c.uniq('界别') } }) },
  'GET /api/v1/sectors/:id': { who: ANYONE, scoped: true, ok: 200, req: (c) => ({ id: c.t.fx.sectorIds[0] }) },
  'PATCH /api/v1/sectors/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await fresh(c, 'sectors', { name: c.uniq('界别') }), body: { name: c.uniq('界别'), sort: 5 } }) },
  'DELETE /api/v1/sectors/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await fresh(c, 'sectors', { name: c.uniq('界别') }) }) },
  // 专委会
  'GET /api/v1/committees': { who: ANYONE, ok: 200 },
  'GET /api/v1/committees.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/committees.csv': { who: ANYONE, ok: 200 },
  'POST /api/v1/committees': { who: OFFICE, ok: 201, req: (c) => ({ body: { name: c.uniq('专委会') } }) },
  'GET /api/v1/committees/:id': { who: ANYONE, scoped: true, ok: 200, req: (c) => ({ id: c.t.fx.committeeId }) },
  'PATCH /api/v1/committees/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await fresh(c, 'committees', { name: c.uniq('专委会') }), body: { name: c.uniq('专委会') } }) },
  'DELETE /api/v1/committees/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await fresh(c, 'committees', { name: c.uniq('专委会') }) }) },
  // 承办单位 (no unit-scoped routes yet: a unit's clerk reads like everyone and edits nothing)
  'GET /api/v1/units': { who: ANYONE, ok: 200 },
  'GET /api/v1/units.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/units.csv': { who: ANYONE, ok: 200 },
  'POST /api/v1/units': { who: OFFICE, ok: 201, req: (c) => ({ body: { name: c.uniq('单位'), kind: 'court' } }) },
  'GET /api/v1/units/:id': { who: ANYONE, scoped: true, ok: 200, req: (c) => ({ id: c.t.fx.unitIds.a }) },
  'PATCH /api/v1/units/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await fresh(c, 'units', { name: c.uniq('单位'), kind: 'other' }), body: { kind: 'procuratorate' } }) },
  'DELETE /api/v1/units/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await fresh(c, 'units', { name: c.uniq('单位'), kind: 'other' }) }) },

  // 委员
  'GET /api/v1/members': { who: ANYONE, ok: 200, req: () => ({ query: { active: 'all', pageSize: '100' } }) },
  'POST /api/v1/members': { who: OFFICE, ok: 201, req: (c) => ({ body: { name: c.uniq('委员'), sectorId: sectorOf(c), party: '民进', standing: false } }) },
  'GET /api/v1/members/export': { who: OFFICE, ok: 200, req: () => ({ query: { format: 'csv' } }) },
  'GET /api/v1/members/import/template': { who: OFFICE, ok: 200 },
  'POST /api/v1/members/import': {
    who: OFFICE, ok: 200,
    req: async (c) => {
      const form = new FormData();
      // Both committees have a sector named 教育界, so the row is valid for either.
      form.append('file', new Blob([new Uint8Array(await rosterFile(['姓名', '党派', '界别'], [[c.uniq('导入'), '民盟', '教育界']]))]), 'roster.xlsx');
      return { form, query: { commit: 'false' } };
    },
  },
  'GET /api/v1/members/:id': { who: ANYONE, scoped: true, ok: 200, req: (c) => ({ id: c.t.fx.memberIds[2] }) },
  'PATCH /api/v1/members/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await newMember(c), body: { workplace: c.uniq('单位'), committeeIds: [c.t.fx.committeeId] } }) },
  'DELETE /api/v1/members/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await newMember(c) }) },

  // Logins: the admin's alone.
  'GET /api/v1/users': { who: ADMIN, ok: 200 },
  'GET /api/v1/users.xlsx': { who: ADMIN, ok: 200 },
  'GET /api/v1/users.csv': { who: ADMIN, ok: 200 },
  'POST /api/v1/users': { who: ADMIN, ok: 201, req: (c) => ({ body: { username: c.uniq('u'), password: 'long-enough-1', roles: ['leader'] } }) },
  'GET /api/v1/users/:id': { who: ADMIN, scoped: true, ok: 200, req: (c) => ({ id: c.t.fx.userIds.member2 }) },
  'PATCH /api/v1/users/:id': { who: ADMIN, scoped: true, ok: 200, req: async (c) => ({ id: await newUser(c), body: { displayName: c.uniq('名字'), password: 'another-pass-2' } }) },
  'DELETE /api/v1/users/:id': { who: ADMIN, scoped: true, ok: 200, req: async (c) => ({ id: await newUser(c) }) },
  'GET /api/v1/users/:id/tokens': { who: ADMIN, scoped: true, ok: 200, req: (c) => ({ id: c.t.fx.userIds.staff }) },
  'DELETE /api/v1/users/:id/tokens/:tokenId': {
    who: ADMIN, scoped: true, ok: 204,
    req: async (c) => ({
      id: c.t.fx.userIds.staff!,
      params: { tokenId: await c.target('staff token', async () => (await inject(c.t, 'staff', 'POST', '/api/v1/auth/tokens', { name: c.uniq('token') })).json().id) },
    }),
  },

  // 届 and 次会议
  'GET /api/v1/terms': { who: ANYONE, ok: 200 },
  'GET /api/v1/terms.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/terms.csv': { who: ANYONE, ok: 200 },
  'GET /api/v1/terms/:id': { who: ANYONE, scoped: true, ok: 200, req: (c) => ({ id: c.termId }) },
  'POST /api/v1/terms': { who: OFFICE, ok: 201, req: (c) => ({ body: { number: c.next(), startYear: 2018, endYear: 2023 } }) },
  'PATCH /api/v1/terms/:id': { who: OFFICE, scoped: true, ok: 200, req: (c) => ({ id: c.termId, body: { endYear: 2029 } }) },
  'POST /api/v1/terms/:id/sessions': { who: OFFICE, scoped: true, ok: 201, req: (c) => ({ id: c.termId, body: { number: c.next(), startsOn: '2024-01-10', endsOn: '2024-01-14' } }) },

  // Committees (orgs): reading for all, configuring for the admin.
  'GET /api/v1/orgs': { who: ANYONE, ok: 200 },
  // Committees below (org/oversight.ts): set up by the admin of the committee directly above only —
  // the province (this city's parent) gets 404 for the city's county, as the grandparent and a sibling do.
  'GET /api/v1/orgs/children': { who: ADMIN, ok: 200 },
  // The committees a visitor chooses between on the public pages (names only).
  'GET /api/v1/orgs/public': { who: 'public', ok: 200, namesCommittees: true },
  'GET /api/v1/orgs/children.xlsx': { who: ADMIN, ok: 200, req: () => ({ query: { active: 'all' } }) },
  'GET /api/v1/orgs/children.csv': { who: ADMIN, ok: 200 },
  'POST /api/v1/orgs': { who: ADMIN, ok: 201, req: (c) => ({ body: { name: c.uniq('县政协'), level: c.caller.name === 'parentAdmin' ? 'city' : 'county', code: c.uniq('c'), region: c.uniq('区') } }) },
  'PATCH /api/v1/orgs/:id': { who: ADMIN, scoped: true, ok: 200, req: (c) => ({ id: c.t.fx.countyId, body: { name: c.uniq('区政协') } }) },
  'DELETE /api/v1/orgs/:id': { who: ADMIN, scoped: true, ok: 200, req: async (c) => ({ id: await fresh(c, 'orgs', { name: c.uniq('停用县政协'), level: 'county' }) }) },
  'POST /api/v1/orgs/:id/admin': { who: ADMIN, scoped: true, ok: 201, req: (c) => ({ id: c.t.fx.countyId, body: { username: c.uniq('countyadmin') } }) },
  'GET /api/v1/meta': { who: ANYONE, ok: 200 },
  'GET /api/v1/todos': { who: ANYONE, ok: 200 },

  // My notifications; a caller of another committee tries the admin's.
  'GET /api/v1/notifications': { who: ANYONE, ok: 200 },
  'POST /api/v1/notifications/:id/read': { who: ANYONE, scoped: true, ok: 204, req: async (c) => ({ id: await notificationFor(c) }) },
  'POST /api/v1/notifications/read-all': { who: ANYONE, ok: 204 },

  // 提案. Who may read one (api.md): its proposer and co-signers, staff and leaders (and admins)
  // once it is submitted, the units it is assigned to; anyone else is told it does not exist (404).
  // Who may act: the transition table. Statuses per caller, in the order of CALLERS:
  //                                                      anon adm stf ldr mem uA  uB  oAd oSt
  'GET /api/v1/proposals': { who: 'public', ok: 200 },
  'GET /api/v1/proposals.xlsx': { who: 'public', ok: 200 },
  'GET /api/v1/proposals.csv': { who: 'public', ok: 200 },
  'GET /api/v1/proposals/sessions': { who: 'public', ok: 200 },
  // Members draft, and leaders linked to a member (chairs are; the fixture's leader is).
  'POST /api/v1/proposals': {
    who: 'see statuses', statuses: '                      401  403 403 201 201 403 403 403 403', ok: 201,
    req: (c) => ({ body: { title: c.uniq('关于'), body: '建议……', kind: 'member', domain: '社会' } }),
  },
  'GET /api/v1/proposals/board': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/board.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/board.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/key.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/key.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/extensions': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/extensions.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/extensions.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/leaders': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/proposals/settings': { who: ANYONE, ok: 200 },
  'PATCH /api/v1/proposals/settings': { who: ADMIN, ok: 200, req: () => ({ body: { bodyLimit: 2500 } }) },
  'GET /api/v1/proposals/similar': { who: ANYONE, ok: 200, req: () => ({ query: { text: '社区养老服务设施' } }) },
  'GET /api/v1/proposals/similar/unseen': { who: ANYONE, ok: 200, req: () => ({ query: { title: '关于完善社区养老服务设施的提案' } }) },
  'POST /api/v1/proposals/similar': { who: ANYONE, ok: 200, req: () => ({ body: { text: '社区养老服务设施' } }) },
  'POST /api/v1/proposals/similar/unseen': { who: ANYONE, ok: 200, req: () => ({ body: { title: '关于完善社区养老服务设施的提案' } }) },
  'GET /api/v1/proposals/search': { who: 'public', ok: 200, req: () => ({ query: { q: '养老' } }) },
  'GET /api/v1/proposals/search.xlsx': { who: 'public', ok: 200, req: () => ({ query: { q: '养老' } }) },
  'GET /api/v1/proposals/search.csv': { who: 'public', ok: 200, req: () => ({ query: { q: '养老' } }) },
  // Key proposals (重点提案) and their supervision (督办) by the leading leader or staff.
  'GET /api/v1/proposals/key': { who: ['admin', 'staff', 'leader'], ok: 200 },
  // scope=tree: the caller's committee and those below (a parent adds this city's figures to its own).
  'GET /api/v1/proposals/stats': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { by: 'unit', scope: 'tree' } }) },
  'GET /api/v1/proposals/stats.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { by: 'sector' } }) },
  'GET /api/v1/proposals/stats.csv': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { by: 'sector' } }) },
  'GET /api/v1/proposals/:id/supervision': { who: 'see statuses', statuses: '401  200 200 200 200 404 404 404 404', ok: 200, req: async (c) => ({ id: await c.proposal('key') }) },
  'POST /api/v1/proposals/:id/supervision': {
    who: 'see statuses', statuses: '                      401  403 201 201 403 404 404 404 404', ok: 201,
    req: async (c) => ({ id: await c.proposal('key'), body: { kind: 'visit', date: day(-1), participants: '领办领导、承办单位', outcome: '推进落实' } }),
  },
  'GET /api/v1/proposals/:id/suggested-units': { who: ['admin', 'staff', 'leader'], scoped: true, ok: 200, req: async (c) => ({ id: await c.proposal('submitted') }) },
  'GET /api/v1/proposals/:id': { who: 'see statuses', statuses: '404  200 200 200 200 404 404 404 404', ok: 200, req: async (c) => ({ id: await c.proposal('submitted') }) },
  'PATCH /api/v1/proposals/:id': {
    who: 'see statuses', statuses: '                      401  404 404 404 200 404 404 404 404', ok: 200,
    req: async (c) => ({ id: await c.proposal('draft'), body: { title: c.uniq('改') } }),
  },
  'GET /api/v1/proposals/:id/actions': { who: 'see statuses', statuses: '401  200 200 200 200 404 404 404 404', ok: 200, req: async (c) => ({ id: await c.proposal('submitted') }) },
  'GET /api/v1/proposals/:id/history': { who: 'see statuses', statuses: '401  200 200 200 200 404 404 404 404', ok: 200, req: async (c) => ({ id: await c.proposal('submitted') }) },
  // The unit's reply as a letter: whoever may read the proposal.
  'GET /api/v1/proposals/:id/replies/:replyId/letter.docx': { who: 'see statuses', statuses: '404  200 200 200 200 200 200 404 404', ok: 200, req: replied },
  'GET /api/v1/proposals/:id/replies/:replyId/letter.pdf': { who: 'see statuses', statuses: `404 ${PDF} ${PDF} ${PDF} ${PDF} ${PDF} ${PDF} 404 404`, ok: 200, req: replied },
  // Attachments: the signed handling units upload; whoever may read the proposal downloads.
  'POST /api/v1/proposals/:id/attachments': {
    who: 'see statuses', statuses: '                      401  403 403 403 403 201 201 404 404', ok: 201,
    req: async (c) => ({ id: await c.proposal('handling'), form: pdfForm() }),
  },
  'GET /api/v1/proposals/:id/attachments/:attachmentId': { who: 'see statuses', statuses: '404  200 200 200 200 200 200 404 404', ok: 200, req: attached },
  'POST /api/v1/proposals/bulk/assign': {
    who: 'see statuses', statuses: '                      401  403 200 403 403 404 404 404 404', ok: 200,
    req: async (c) => ({ body: { ids: [await c.proposal('filed'), await c.proposal('filed', 'second')], units: UNITS(c) } }),
  },
  //                                                                  anon adm stf ldr mem uA  uB  oAd oSt
  'POST /api/v1/proposals/:id/actions/submit': action('draft', '          401  404 404 404 200 404 404 404 404'),
  'POST /api/v1/proposals/:id/actions/withdraw': action('submitted', '    401  403 403 403 200 404 404 404 404'),
  'POST /api/v1/proposals/:id/actions/cosign': action('jointDraft', '     401  404 404 404 200 404 404 404 404'),
  'POST /api/v1/proposals/:id/actions/declineCosign': action('jointDraft', '401 404 404 404 200 404 404 404 404', () => ({ reason: '不熟悉该领域' })),
  'POST /api/v1/proposals/:id/actions/file': action('submitted', '        401  403 200 403 403 404 404 404 404'),
  'POST /api/v1/proposals/:id/actions/reject': action('submitted', '      401  403 200 403 403 404 404 404 404', (c) => ({ reason: `${c.grounds[0]}：与本会职能无关` })),
  'POST /api/v1/proposals/:id/actions/sendBack': action('submitted', '    401  403 200 403 403 404 404 404 404', () => ({ reason: '请一事一案' })),
  'POST /api/v1/proposals/:id/actions/convert': action('submitted', '     401  403 200 403 403 404 404 404 404', () => ({ to: 'opinion', reason: '更适合作为社情民意信息' })),
  'POST /api/v1/proposals/:id/actions/merge': action('submitted', '       401  403 200 403 403 404 404 404 404', (c) => ({ intoId: c.mergeTarget })),
  'POST /api/v1/proposals/:id/actions/assign': action('filed', '          401  403 200 403 403 404 404 404 404', (c) => ({ units: UNITS(c) })),
  'POST /api/v1/proposals/:id/actions/classify': action('filed', '       401  403 200 403 403 404 404 404 404', () => ({ domain: '经济' })),
  'POST /api/v1/proposals/:id/actions/markKey': action('filed', '         401  403 200 403 403 404 404 404 404', (c) => ({ leaderUserId: c.t.fx.userIds.leader })),
  'POST /api/v1/proposals/:id/actions/reassign': action('assigned', '     401  403 200 403 403 403 403 404 404', (c) => ({ units: UNITS(c).reverse().map((u, i) => ({ ...u, role: i ? 'co' : 'lead' })), note: '调整主办单位' })),
  'POST /api/v1/proposals/:id/actions/sign': action('assigned', '         401  403 403 403 403 200 200 404 404'),
  'POST /api/v1/proposals/:id/actions/return': action('assigned', '       401  403 403 403 403 200 200 404 404', () => ({ reason: '不属于本单位职责' })),
  'POST /api/v1/proposals/:id/actions/opinion': action('handling', '      401  403 403 403 403 403 200 404 404', () => ({ content: '协办意见' })),
  'POST /api/v1/proposals/:id/actions/logContact': action('handling', '   401  403 403 403 403 200 200 404 404', () => ({ kind: 'phone', date: day(-1), content: '电话沟通' })),
  'POST /api/v1/proposals/:id/actions/requestExtension': action('handling', '401 403 403 403 403 200 403 404 404', () => ({ dueDate: day(120), reason: '需要跨部门协调' })),
  'POST /api/v1/proposals/:id/actions/grantExtension': action('extensionAsked', '401 403 200 403 403 403 403 404 404'),
  'POST /api/v1/proposals/:id/actions/refuseExtension': action('extensionAsked', '401 403 200 403 403 403 403 404 404', () => ({ note: '请按期办理' })),
  'POST /api/v1/proposals/:id/actions/reply': action('handling', '        401  403 403 403 403 200 403 404 404', () => ({ category: 'B', content: '列入计划' })),
  'POST /api/v1/proposals/:id/actions/evaluate': action('replied', '      401  403 403 403 200 403 403 404 404', () => ({ satisfaction: 'basic' })),
  'POST /api/v1/proposals/:id/actions/rate': action('replied', '          401  403 403 403 403 200 403 404 404', () => ({ topic: 4, research: 3, feasibility: 5 })),
  'POST /api/v1/proposals/:id/actions/publish': action('closed', '        401  403 200 403 403 403 403 404 404'),
  'POST /api/v1/proposals/:id/actions/exempt': action('closed', '         401  403 200 403 403 403 403 404 404', () => ({ reason: '涉及个人隐私' })),

  // A converted proposal's 社情民意 report or member letter: its member, and staff, leaders, admins.
  'GET /api/v1/opinions': { who: ANYONE, ok: 200 },
  'GET /api/v1/opinions.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/opinions.csv': { who: ANYONE, ok: 200 },
  'GET /api/v1/opinions/:id': {
    who: 'see statuses', statuses: '                      401  200 200 200 200 404 404 404 404', ok: 200,
    req: async (c) => ({ id: await c.target('opinion', () => converted(c.t, 'opinions', c.uniq('转社情'))) }),
  },
  // 社情民意 workflow: the author (the member, or a leader linked to one: the fixture's is; staff write for a member
  // they name), the office reviews and records.
  //                                                      anon adm stf ldr mem uA  uB  oAd oSt
  'POST /api/v1/opinions': {
    who: 'see statuses', statuses: '                      401  403 201 201 201 403 403 403 201', ok: 201,
    req: (c) => ({ body: { title: c.uniq('社情'), body: '反映……', ...(c.caller.roles.includes('staff') ? { authorMemberId: memberOfCaller(c) } : {}) } }),
  },
  'GET /api/v1/opinions/settings': { who: ANYONE, ok: 200 },
  'PATCH /api/v1/opinions/settings': { who: ADMIN, ok: 200, req: () => ({ body: { bodyLimit: 1500, quota: { standing: 3 } } }) },
  'GET /api/v1/opinions/quota': { who: ANYONE, ok: 200 },
  // scope=tree: with the committees below (org/rollup.ts); whoever may not oversee gets their own.
  'GET /api/v1/opinions/stats': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'tree' } }) },
  'GET /api/v1/opinions/stats.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'tree' } }) },
  'GET /api/v1/opinions/stats.csv': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'own' } }) },
  'PATCH /api/v1/opinions/:id': opinion('draft', '                 401  404 404 404 200 404 404 404 404', (c) => ({ title: c.uniq('改') })),
  'GET /api/v1/opinions/:id/actions': opinion('submitted', '       401  200 200 200 200 404 404 404 404'),
  'GET /api/v1/opinions/:id/history': opinion('submitted', '       401  200 200 200 200 404 404 404 404'),
  'POST /api/v1/opinions/:id/actions/submit': opinion('draft', '     401  404 404 404 200 404 404 404 404'),
  'POST /api/v1/opinions/:id/actions/withdraw': opinion('submitted', '401 403 403 403 200 404 404 404 404'),
  'POST /api/v1/opinions/:id/actions/approve': opinion('submitted', '401 403 200 403 403 404 404 404 404', () => ({ signer: '秘书长' })),
  'POST /api/v1/opinions/:id/actions/return': opinion('submitted', ' 401 403 200 403 403 404 404 404 404', () => ({ reason: '请补充数据' })),
  'POST /api/v1/opinions/:id/actions/reject': opinion('submitted', ' 401 403 200 403 403 404 404 404 404', () => ({ reason: '已有同类信息' })),
  'POST /api/v1/opinions/:id/actions/forward': opinion('approved', ' 401 403 200 403 403 404 404 404 404', () => ({ bodies: ['市委办公室'], date: day(-1) })),
  'POST /api/v1/opinions/:id/actions/adopt': opinion('forwarded', '  401 403 200 403 403 404 404 404 404', () => ({ level: 'city', adoptedBy: '市政府办公室', date: day(-1) })),
  'POST /api/v1/opinions/:id/actions/instruct': opinion('forwarded', '401 403 200 200 403 404 404 404 404',
    () => ({ leaderName: '李明', leaderPosition: '市长', level: 'city', date: day(-1), content: '请研究落实。' })),
  'GET /api/v1/letters': { who: ANYONE, ok: 200 },
  'GET /api/v1/letters.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/letters.csv': { who: ANYONE, ok: 200 },
  'GET /api/v1/letters/:id': {
    who: 'see statuses', statuses: '                      401  200 200 200 200 404 404 404 404', ok: 200,
    req: async (c) => ({ id: await c.target('letter', () => converted(c.t, 'letters', c.uniq('转来信'))) }),
  },

  // 双联: staff generate and adjust the graph; leaders read it all; a member the links they are on, and logs on their own.
  //                                                                          anon adm stf ldr mem uA  uB  oAd oSt
  'POST /api/v1/liaison/links/generate': { who: OFFICE, ok: 200, req: () => ({ body: { year: LIAISON_YEAR } }) },
  'GET /api/v1/liaison/links': { who: ANYONE, ok: 200, req: async (c) => { await zhangsLink(c); return { query: { year: String(LIAISON_YEAR) } }; } },
  'GET /api/v1/liaison/links.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR) } }) },
  'GET /api/v1/liaison/links.csv': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR) } }) },
  'GET /api/v1/liaison/graph': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR) } }) },
  'POST /api/v1/liaison/links': {
    who: OFFICE, ok: 201,
    req: async (c) => {
      // Each committee's office links a new member of its own to their sector's masses.
      const [from, sectorId] = c.caller.foreign
        ? [(await inject(c.t, c.caller.login!, 'POST', '/api/v1/members', { name: c.uniq('外市委员'), sectorId: sectorOf(c), party: '民进', standing: false })).json().id, sectorOf(c)]
        : [await newMember(c), c.t.fx.sectorIds[0]];
      return { body: { year: LIAISON_YEAR, kind: 'masses', fromMemberId: from, sectorId } };
    },
  },
  'GET /api/v1/liaison/links/:id': { who: 'see statuses', statuses: '                     401  200 200 200 200 404 404 404 404', ok: 200, req: async (c) => ({ id: await zhangsLink(c) }) },
  'PATCH /api/v1/liaison/links/:id': { who: 'see statuses', statuses: '                   401  200 200 403 403 403 403 404 404', ok: 200, req: async (c) => ({ id: await handLink(c), body: { fromMemberId: c.t.fx.memberIds[3] } }) },
  'DELETE /api/v1/liaison/links/:id': { who: 'see statuses', statuses: '                  401  200 200 403 403 403 403 404 404', ok: 200, req: async (c) => ({ id: await handLink(c) }) },
  'POST /api/v1/liaison/links/:id/contacts': { who: 'see statuses', statuses: '           401  201 201 403 201 404 404 404 404', ok: 201, req: async (c) => ({ id: await zhangsLink(c), body: CONTACT }) },
  'GET /api/v1/liaison/contacts': { who: ANYONE, ok: 200 },
  'GET /api/v1/liaison/contacts.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/liaison/contacts.csv': { who: ANYONE, ok: 200 },
  'GET /api/v1/liaison/contacts/:id': { who: 'see statuses', statuses: '                  401  200 200 200 200 404 404 404 404', ok: 200, req: async (c) => ({ id: (await liaisonContact(c, 'read')).id }) },
  // Its liaison (this year's contact) and the office correct or delete it; a leader reads it, no more.
  'PATCH /api/v1/liaison/contacts/:id': { who: 'see statuses', statuses: '                401  200 200 403 200 404 404 404 404', ok: 200,
    req: async (c) => ({ id: await contactNow(c), body: { channel: 'phone' } }) },
  'DELETE /api/v1/liaison/contacts/:id': { who: 'see statuses', statuses: '               401  200 200 403 200 404 404 404 404', ok: 200, req: async (c) => ({ id: await contactNow(c) }) },
  // The liaison turns it into their own draft; staff enter a 社情民意 draft for them (an admin writes none).
  'POST /api/v1/liaison/opinions/:id/convert': { who: 'see statuses', statuses: '         401  403 201 403 201 404 404 404 404', ok: 201,
    req: async (c) => ({ id: (await liaisonContact(c, 'convert')).opinions[0]!.id, body: { to: 'opinion', title: c.uniq('关于社区养老') } }) },
  // scope=tree: with the committees below (liaison/rollup.ts); whoever may not oversee gets their own.
  'GET /api/v1/liaison/compliance': { who: ANYONE, ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR), scope: 'tree' } }) },
  'GET /api/v1/liaison/compliance.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR), scope: 'tree' } }) },
  'GET /api/v1/liaison/compliance.csv': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR) } }) },
  'GET /api/v1/liaison/counters': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'tree' } }) },
  'GET /api/v1/liaison/counters.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'tree' } }) },
  'GET /api/v1/liaison/counters.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/liaison/reports': { who: ANYONE, ok: 200 },
  'GET /api/v1/liaison/reports.xlsx': { who: ANYONE, ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR) } }) },
  'GET /api/v1/liaison/reports.csv': { who: ANYONE, ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR) } }) },
  // A member (or a leader linked to one: the fixture's is) writes their own; the office for a member it names (another committee's office cannot name ours).
  'PUT /api/v1/liaison/reports': { who: 'see statuses', statuses: '                       401  200 200 200 200 403 403 422 422', ok: 200,
    req: async (c) => { await zhangsLink(c); return { body: { year: LIAISON_YEAR, body: '年度双联书面报告', ...(['admin', 'staff', 'otherAdmin', 'otherStaff'].includes(c.caller.name) ? { memberId: c.t.fx.memberIds[0] } : {}) } }; } },

  // 双创: staff enter everything, a member (or a leader linked to one: the fixture's is) their own projects, pairings and
  // activities; leaders read, and change no one else's (403); units nothing.
  //                                                                          anon adm stf ldr mem uA  uB  oAd oSt
  'GET /api/v1/creation/figures': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { year: '2025' } }) },
  'GET /api/v1/creation/participants': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/participants.xlsx': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/participants.csv': { who: CREATION_READERS, ok: 200 },
  // (The office and leaders of the committees above read this committee's 双创 rows: oversight.ts.)
  'GET /api/v1/creation/projects': { who: CREATION_READERS, ok: 200, sharedUp: true, req: async (c) => { await creationProject(c); return {}; } },
  'GET /api/v1/creation/projects.xlsx': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/projects.csv': { who: CREATION_READERS, ok: 200 },
  'POST /api/v1/creation/projects': { who: 'see statuses', statuses: '                   401  201 201 201 201 403 403 201 201', ok: 201,
    req: (c) => ({ body: { kind: 'enterprise', name: c.uniq('企业'), startedOn: '2025-05-01', investment: 100000, ...ownMembers(c) } }) },
  'GET /api/v1/creation/projects/:id': { who: 'see statuses', statuses: '                401  200 200 200 200 403 403 404 404', ok: 200, sharedUp: true, req: async (c) => ({ id: await creationProject(c) }) },
  'PATCH /api/v1/creation/projects/:id': { who: 'see statuses', statuses: '              401  200 200 403 200 403 403 404 404', ok: 200, req: async (c) => ({ id: await creationProject(c), body: { jobs: 5 } }) },
  'POST /api/v1/creation/projects/:id/files': { who: 'see statuses', statuses: '          401  201 201 403 201 403 403 404 404', ok: 201, req: async (c) => ({ id: await creationProject(c), form: pngForm() }) },
  'GET /api/v1/creation/projects/:id/files/:fileId': { who: 'see statuses', statuses: '   401  200 200 200 200 403 403 404 404', ok: 200, sharedUp: true, req: creationFile },
  'GET /api/v1/creation/pairings': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/pairings.xlsx': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/pairings.csv': { who: CREATION_READERS, ok: 200 },
  'POST /api/v1/creation/pairings': { who: 'see statuses', statuses: '                   401  201 201 201 201 403 403 201 201', ok: 201,
    req: (c) => ({ body: { householdName: '陈大明', practicalThing: '危房改造', suggestion: '林下养殖', pairedOn: '2025-04-02', ...ownMember(c) } }) },
  'PATCH /api/v1/creation/pairings/:id': { who: 'see statuses', statuses: '              401  200 200 403 200 403 403 404 404', ok: 200,
    req: async (c) => ({ id: await creationOf(c, 'pairings', { householdName: '陈大明', pairedOn: '2025-04-02', memberId: c.t.fx.memberIds[0] }), body: { suggestion: '发展电商' } }) },
  'GET /api/v1/creation/activities': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/activities.xlsx': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/activities.csv': { who: CREATION_READERS, ok: 200 },
  'POST /api/v1/creation/activities': { who: 'see statuses', statuses: '                 401  201 201 201 201 403 403 201 201', ok: 201,
    req: (c) => ({ body: { kind: 'technology', date: '2025-06-10', place: '青山村', beneficiaries: 40, ...ownMembers(c) } }) },
  'PATCH /api/v1/creation/activities/:id': { who: 'see statuses', statuses: '            401  200 200 403 200 403 403 404 404', ok: 200,
    req: async (c) => ({ id: await creationOf(c, 'activities', { kind: 'medicine', date: '2025-06-11', place: '青山村', memberIds: [c.t.fx.memberIds[0]] }), body: { beneficiaries: 50 } }) },
  'GET /api/v1/creation/honours': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/honours.xlsx': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/honours.csv': { who: CREATION_READERS, ok: 200 },
  'POST /api/v1/creation/honours': { who: OFFICE, ok: 201,
    req: (c) => ({ body: { memberId: memberOfCaller(c), level: 'city', awardedBy: '市委市政府', title: '脱贫攻坚先进个人', date: '2025-10-01' } }) },
  'PATCH /api/v1/creation/honours/:id': { ...STAFF_ON_OURS_ADMIN,
    req: async (c) => ({ id: await creationOf(c, 'honours', { memberId: c.t.fx.memberIds[0], level: 'county', awardedBy: '区委区政府', title: '优秀政协委员', date: '2025-09-01' }), body: { level: 'city' } }) },
  'GET /api/v1/creation/exchanges': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/exchanges.xlsx': { who: CREATION_READERS, ok: 200 },
  'GET /api/v1/creation/exchanges.csv': { who: CREATION_READERS, ok: 200 },
  'POST /api/v1/creation/exchanges': { who: OFFICE, ok: 201, req: (c) => ({ body: { date: '2025-11-20', place: '会议室', topic: c.uniq('交流会'), attendees: 30 } }) },
  'PATCH /api/v1/creation/exchanges/:id': { ...STAFF_ON_OURS_ADMIN,
    req: async (c) => ({ id: await creationOf(c, 'exchanges', { date: '2025-11-20', place: '会议室', topic: '经验交流会' }), body: { attendees: 40 } }) },
  'GET /api/v1/liaison/counters/records': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { counter: 'policyTalks' } }) },
  // The annual report as a document: as the written one, a member's own, the office's for a member it names.
  'POST /api/v1/liaison/reports/file': { who: 'see statuses', statuses: '                  401  200 200 200 200 403 403 422 422', ok: 200,
    req: async (c) => { await zhangsLink(c); return { form: pdfForm(), query: { year: String(LIAISON_YEAR), ...(['admin', 'staff', 'otherAdmin', 'otherStaff'].includes(c.caller.name) ? { memberId: c.t.fx.memberIds[0]! } : {}) } }; } },
  'GET /api/v1/liaison/reports/:id/file': { who: 'see statuses', statuses: '                 401  200 200 200 200 404 404 404 404', ok: 200, req: async (c) => ({ id: await uploadedReport(c) }) },
  'GET /api/v1/liaison/meetings': { who: ['admin', 'staff', 'leader', 'member'], ok: 200 },
  'GET /api/v1/liaison/meetings.xlsx': { who: ['admin', 'staff', 'leader', 'member'], ok: 200 },
  'GET /api/v1/liaison/meetings.csv': { who: ['admin', 'staff', 'leader', 'member'], ok: 200 },
  'POST /api/v1/liaison/meetings': { who: 'see statuses', statuses: '                       401  201 201 403 403 403 403 422 422', ok: 201, req: async (c) => ({ body: await meetingBody(c) }) },
  'GET /api/v1/liaison/meetings/:id': { who: 'see statuses', statuses: '                   401  200 200 200 200 403 403 404 404', ok: 200, req: async (c) => ({ id: await liaisonMeeting(c) }) },

  // 党的组织: the office keeps the groups, members and activities; leaders read; a member sees their own activities.
  //                                                                          anon adm stf ldr mem uA  uB  oAd oSt
  'GET /api/v1/party/groups': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/party/groups.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/party/groups.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'POST /api/v1/party/groups': { who: OFFICE, ok: 201, req: (c) => ({ body: { kind: 'leadingGroup', name: c.uniq('党组') } }) },
  'GET /api/v1/party/groups/:id': { who: 'see statuses', statuses: '                     401  200 200 200 403 403 403 404 404', ok: 200, req: async (c) => ({ id: await partyGroup(c) }) },
  'PATCH /api/v1/party/groups/:id': { who: 'see statuses', statuses: '                   401  200 200 403 403 403 403 404 404', ok: 200, req: async (c) => ({ id: await partyGroup(c), body: { name: c.uniq('改名党委') } }) },
  'POST /api/v1/party/groups/:id/members': { who: 'see statuses', statuses: '            401  201 201 403 403 403 403 404 404', ok: 201, req: async (c) => ({ id: await partyGroup(c), body: { name: c.uniq('党员') } }) },
  'DELETE /api/v1/party/groups/:id/members/:entryId': { who: 'see statuses', statuses: '  401  200 200 403 403 403 403 404 404', ok: 200,
    req: groupEntry },
  'POST /api/v1/party/groups/:id/activities': { who: 'see statuses', statuses: '         401  201 201 403 403 403 403 404 404', ok: 201,
    req: async (c) => ({ id: await partyGroup(c), body: { kind: 'lecture', date: '2025-05-01', topic: '党课', attendeeIds: [] } }) },
  'GET /api/v1/party/activities': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/party/activities.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/party/activities.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/party/people': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'office' } }) },
  'GET /api/v1/party/people.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'office' } }) },
  'GET /api/v1/party/people.csv': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'linked' } }) },
  'GET /api/v1/party/figures': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'tree' } }) },
  // Campaigns: the office opens them and adopts ideas; members (and leaders linked to one) submit ideas while one is open.
  'GET /api/v1/campaigns': { who: ['admin', 'staff', 'leader', 'member'], ok: 200 },
  'GET /api/v1/campaigns.xlsx': { who: ['admin', 'staff', 'leader', 'member'], ok: 200 },
  'GET /api/v1/campaigns.csv': { who: ['admin', 'staff', 'leader', 'member'], ok: 200 },
  'POST /api/v1/campaigns': { who: OFFICE, ok: 201, req: (c) => ({ body: { title: c.uniq('献一计'), theme: '建言', opensOn: day(0), closesOn: day(10) } }) },
  'GET /api/v1/campaigns/:id': { who: 'see statuses', statuses: '                        401  200 200 200 200 403 403 404 404', ok: 200, req: async (c) => ({ id: await campaign(c) }) },
  'GET /api/v1/campaigns/:id/ideas': { who: 'see statuses', statuses: '                  401  200 200 200 200 403 403 404 404', ok: 200, req: async (c) => ({ id: await campaign(c) }) },
  'GET /api/v1/campaigns/:id/ideas.xlsx': { who: 'see statuses', statuses: '             401  200 200 200 200 403 403 404 404', ok: 200, req: async (c) => ({ id: await campaign(c) }) },
  'GET /api/v1/campaigns/:id/ideas.csv': { who: 'see statuses', statuses: '              401  200 200 200 200 403 403 404 404', ok: 200, req: async (c) => ({ id: await campaign(c) }) },
  'POST /api/v1/campaigns/:id/ideas': { who: 'see statuses', statuses: '                 401  403 403 201 201 403 403 404 404', ok: 201,
    req: async (c) => ({ id: await campaign(c), body: { title: c.uniq('一计'), content: '建议内容' } }) },
  'POST /api/v1/campaigns/ideas/:id/adopt': { who: 'see statuses', statuses: '           401  200 200 403 403 403 403 404 404', ok: 200, req: async (c) => ({ id: await campaignIdea(c), body: { adoptedBy: '市委' } }) },
  // 履职档案: a member (the leader is one too) reads their own record; the office and leaders every one and the list; the office keeps the rules.
  //                                                                          anon adm stf ldr mem uA  uB  oAd oSt
  'GET /api/v1/records/me': { who: 'see statuses', statuses: '                           401  403 403 200 200 403 403 403 403', ok: 200 },
  'GET /api/v1/records/me/report.docx': { who: 'see statuses', statuses: '               401  403 403 200 200 403 403 403 403', ok: 200 },
  'GET /api/v1/records/members/:id': { who: 'see statuses', statuses: '                  401  200 200 200 200 404 404 404 404', ok: 200, req: (c) => ({ id: c.t.fx.memberIds[0] }) },
  'GET /api/v1/records/members/:id/report.docx': { who: 'see statuses', statuses: '      401  200 200 200 200 404 404 404 404', ok: 200, req: (c) => ({ id: c.t.fx.memberIds[0] }) },
  'GET /api/v1/records': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/records.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/records.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/records/rules': { who: ANYONE, ok: 200 },
  'PUT /api/v1/records/rules': { who: OFFICE, ok: 200, req: () => ({ body: { points: { proposalFiled: 15 } } }) },
  'POST /api/v1/records/recompute': { who: OFFICE, ok: 200, req: () => ({ body: { year: LIAISON_YEAR } }) },
  'POST /api/v1/records/backfill': { who: OFFICE, ok: 200 },
  // 四双 report: staff and leaders read it (each their own committee's); the office keeps the profile that names it.
  'GET /api/v1/reports/profile': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'PUT /api/v1/reports/profile': { who: OFFICE, ok: 200, req: () => ({ body: { cityName: '测试市', partyCommittee: '中共测试市委', chair: '', counties: [] } }) },
  'GET /api/v1/reports/sishuang': { who: ['staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR), scope: 'tree' } }) },
  'GET /api/v1/reports/sishuang.docx': { who: ['staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR), scope: 'tree' } }) },
  'GET /api/v1/reports/sishuang/versions': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR) } }) },
  'POST /api/v1/reports/sishuang/versions': {
    who: OFFICE, ok: 201,
    req: async (c) => {
      // The edit is based on the latest version of the caller's own committee (another one's office edits its own report).
      const latest = await inject(c.t, c.caller.roles.some((r) => OFFICE.includes(r)) ? c.caller.login! : 'staff', 'GET', `/api/v1/reports/sishuang/versions?year=${LIAISON_YEAR}`);
      return { body: { year: LIAISON_YEAR, basedOn: latest.json().items[0].number, note: c.uniq('修改'), paragraphs: [{ id: 'opening.0', template: c.uniq('改写的开头') }] } };
    },
  },
  'GET /api/v1/open-data.zip': { who: 'public', ok: 200 },
  'POST /api/v1/reports/sishuang/versions/:number/restore': { who: OFFICE, ok: 201, req: () => ({ params: { number: '1' }, body: { year: LIAISON_YEAR } }) },
  'GET /api/v1/dashboard': { who: ['staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR), scope: 'tree', by: 'org' } }) },
  'GET /api/v1/dashboard.xlsx': { who: ['staff', 'leader'], ok: 200, req: () => ({ query: { year: String(LIAISON_YEAR), chart: 'dutyPoints', scope: 'tree' } }) },

  // 优秀提案评选: staff run the rounds, members nominate their own proposals, each level's reviewers
  // score (here the proposal committee's level, recorded by staff); announced results are public.
  //                                                                          anon adm stf ldr mem uA  uB  oAd oSt
  'GET /api/v1/selections': { who: 'public', ok: 200 },
  'GET /api/v1/selections.xlsx': { who: 'public', ok: 200 },
  'GET /api/v1/selections.csv': { who: 'public', ok: 200 },
  'POST /api/v1/selections': { who: ['staff'], ok: 201, req: (c) => ({ body: { year: 2025, name: c.uniq('评选') } }) },
  'GET /api/v1/selections/:id': { who: 'see statuses', statuses: '               404  200 200 200 200 200 200 404 404', ok: 200, req: async (c) => ({ id: (await selection(c, 'nominating')).id }) },
  'PATCH /api/v1/selections/:id': {
    who: 'see statuses', statuses: '                                               401  403 200 403 403 403 403 404 404', ok: 200,
    req: async (c) => ({ id: (await selection(c, 'nominating')).id, body: { name: c.uniq('评选'), levels: [{ key: 'proposer', name: '提案人自荐', actor: 'proposer', quota: null }, { key: 'final', name: '终评', actor: 'staff', quota: 5 }] } }),
  },
  'GET /api/v1/selections/:id/history': {
    who: 'see statuses', statuses: '                                               401  200 200 200 403 403 403 404 404', ok: 200,
    req: async (c) => ({ id: (await selection(c, 'nominating')).id }),
  },
  'GET /api/v1/selections/:id/progress': {
    who: 'see statuses', statuses: '                                               401  200 200 200 403 403 403 404 404', ok: 200,
    req: async (c) => ({ id: (await selection(c, 'scoring')).id }),
  },
  'GET /api/v1/selections/:id/entries': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: (await selection(c, 'nominating')).id }) },
  'GET /api/v1/selections/:id/entries.xlsx': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: (await selection(c, 'nominating')).id }) },
  'GET /api/v1/selections/:id/entries.csv': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: (await selection(c, 'nominating')).id }) },
  'GET /api/v1/selections/:id/eligible': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: (await selection(c, 'nominating')).id }) },
  'POST /api/v1/selections/:id/nominations': {
    who: 'see statuses', statuses: '                                               401  403 201 403 201 403 403 404 404', ok: 201,
    req: async (c) => ({ id: (await selection(c, 'nominating')).id, body: { proposalId: await c.proposal('closed'), reason: '办理成效显著' } }),
  },
  'POST /api/v1/selections/:id/entries/:entryId/reviews': {
    who: 'see statuses', statuses: '                                               401  403 200 403 403 403 403 404 404', ok: 200,
    req: async (c) => { const s = await selection(c, 'scoring'); return { id: s.id, params: { entryId: s.entryId }, body: { score: 88, comment: '选题精准' } }; },
  },
  // The member's self-nomination: he or staff may withdraw it.
  'POST /api/v1/selections/:id/entries/:entryId/withdraw': {
    who: 'see statuses', statuses: '                                               401  403 200 403 200 403 403 404 404', ok: 200,
    req: async (c) => { const s = await selection(c, 'nominating'); return { id: s.id, params: { entryId: s.entryId } }; },
  },
  'POST /api/v1/selections/:id/levels/:levelId/close': {
    who: 'see statuses', statuses: '                                               401  403 200 403 403 403 403 404 404', ok: 200,
    req: async (c) => { const s = await selection(c, 'scoring'); return { id: s.id, params: { levelId: s.levelIds[1]! }, body: {} }; },
  },
  'POST /api/v1/selections/:id/announce': {
    who: 'see statuses', statuses: '                                               401  403 200 403 403 403 403 404 404', ok: 200,
    req: async (c) => ({ id: (await selection(c, 'decided')).id, body: {} }),
  },
  // 文库: staff upload and keep it; public documents are read by anyone, the whole of them (and the
  // file) by members, leaders and staff of its committee; any login, of any committee, favourites and
  // reports a public one (another committee's reads it as a visitor does); insiders share.
  //                                                                          anon adm stf ldr mem uA  uB  oAd oSt
  'POST /api/v1/documents': { who: OFFICE, ok: 201, req: async (c) => ({ form: await documentForm(c.uniq('上传')) }) },
  'GET /api/v1/documents': { who: 'public', ok: 200 },
  'GET /api/v1/documents.xlsx': { who: 'public', ok: 200 },
  'GET /api/v1/documents.csv': { who: 'public', ok: 200 },
  'GET /api/v1/documents/categories': { who: 'public', ok: 200 },
  // Search across everything: anyone, each finding what they may read (the cross-check below).
  'GET /api/v1/search': { who: 'public', ok: 200, req: () => ({ query: { q: '养老' } }) },
  'GET /api/v1/search/related': { who: 'public', ok: 200, req: () => ({ query: { q: '养老' } }) },
  'POST /api/v1/documents/categories': { who: OFFICE, ok: 201, req: (c) => ({ body: { name: c.uniq('分类') } }) },
  'PATCH /api/v1/documents/categories/:id': { who: OFFICE, scoped: true, ok: 200, req: async (c) => ({ id: await fresh(c, 'documents/categories', { name: c.uniq('分类') }), body: { name: c.uniq('分类'), sort: 2 } }) },
  'DELETE /api/v1/documents/categories/:id': { who: OFFICE, scoped: true, ok: 204, req: async (c) => ({ id: await fresh(c, 'documents/categories', { name: c.uniq('分类') }) }) },
  'GET /api/v1/documents/favourites': { who: ANYONE, ok: 200 },
  'GET /api/v1/documents/reports': { who: OFFICE, ok: 200 },
  'POST /api/v1/documents/reports/:id/resolve': { who: 'see statuses', statuses: '                401  200 200 403 403 403 403 404 404', ok: 200,
    req: async (c) => ({ id: await libraryReport(c), body: { action: 'dismiss' } }) },
  // (names its committee: another committee's login reads it as a visitor there)
  'GET /api/v1/documents/:id': { ...onDocument('                                 200  200 200 200 200 200 200 200 200', 200), namesCommittees: true },
  'PATCH /api/v1/documents/:id': onDocument('                                    401  200 200 403 403 403 403 404 404', 200, (c) => ({ body: { title: c.uniq('改名'), access: 'members' } }), 'edit'),
  'DELETE /api/v1/documents/:id': onDocument('                                   401  204 204 403 403 403 403 404 404', 204, () => ({}), 'delete'),
  'GET /api/v1/documents/:id/pages/:n': onDocument(`${PAGE_IMAGE} ${PAGE_IMAGE} ${PAGE_IMAGE} ${PAGE_IMAGE} ${PAGE_IMAGE} ${PAGE_IMAGE} ${PAGE_IMAGE} ${PAGE_IMAGE} ${PAGE_IMAGE}`, 200, () => ({ params: { n: '1' } })),
  'GET /api/v1/documents/:id/text': onDocument('                                 200  200 200 200 200 200 200 200 200', 200),
  'GET /api/v1/documents/:id/file': onDocument('                                 403  200 200 200 200 403 403 403 403', 200),
  'GET /api/v1/documents/:id/related': onDocument('                              200  200 200 200 200 200 200 200 200', 200),
  'PUT /api/v1/documents/:id/favourite': onDocument('                            401  204 204 204 204 204 204 204 204', 204),
  'DELETE /api/v1/documents/:id/favourite': onDocument('                         401  204 204 204 204 204 204 204 204', 204),
  'POST /api/v1/documents/:id/reports': onDocument('                             401  201 201 201 201 201 201 201 201', 201, () => ({ body: { reason: '内容不实' } })),
  'POST /api/v1/documents/:id/share': onDocument('                               401  201 201 201 201 403 403 404 404', 201),
  'GET /api/v1/documents/:id/also': onDocument('                                 200  200 200 200 200 200 200 200 200', 200),
  // Where it is used: anyone who opens the document (each sees the items they may read); the office links and unlinks.
  'GET /api/v1/documents/:id/links': onDocument('                                200  200 200 200 200 200 200 200 200', 200),
  'POST /api/v1/documents/:id/links': onDocument('                               401  201 201 403 403 403 403 404 404', 201, (c) => ({ body: { kind: 'member', targetId: c.t.fx.memberIds[0] } }), 'link'),
  'DELETE /api/v1/documents/:id/links/:targetId': {
    who: 'see statuses', statuses: '                                               401  204 204 403 403 403 403 404 404', ok: 204,
    req: async (c) => ({ id: await linkedDoc(c), params: { targetId: c.t.fx.memberIds[0]! }, query: { kind: 'member' } }),
  },
  // The documents of an item, for whoever reads the item (a consultation at its topic step: the committee's logins).
  'GET /api/v1/documents/linked': {
    who: 'see statuses', statuses: '                                               404  200 200 200 200 200 200 404 404', ok: 200,
    req: async (c) => ({ query: { kind: 'consultation', targetId: await consultation(c) } }),
  },
  // 双协: every login of the committee reads consultations and the plan; staff run them and keep
  // the plan and the checklist; a leader adopts the plan.
  //                                                                          anon adm stf ldr mem uA  uB  oAd oSt
  // (without a login: the public list)
  'GET /api/v1/consultations': { who: 'public', ok: 200 },
  'GET /api/v1/consultations.xlsx': { who: 'public', ok: 200 },
  'GET /api/v1/consultations.csv': { who: 'public', ok: 200 },
  'POST /api/v1/consultations': { who: ['staff'], ok: 201, req: (c) => ({ body: { title: c.uniq('协商'), kind: 'bimonthly', year: 2031 } }) },
  // (visitors read one only while its online comments are open)
  'GET /api/v1/consultations/:id': { who: 'see statuses', statuses: '404 200 200 200 200 200 200 404 404', ok: 200, req: async (c) => ({ id: await consultation(c) }) },
  'PATCH /api/v1/consultations/:id': { ...STAFF_ON_OURS, req: async (c) => ({ id: await consultation(c), body: { title: c.uniq('协商') } }) },
  'GET /api/v1/consultations/:id/actions': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await consultation(c) }) },
  'GET /api/v1/consultations/:id/history': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await consultation(c) }) },
  'GET /api/v1/consultations/:id/checklist': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await consultation(c) }) },
  'PATCH /api/v1/consultations/:id/checklist': {
    ...STAFF_ON_OURS, req: async (c) => ({ id: await consultation(c), body: { key: 'forum', state: 'doing', owner: '提案委员会' } }),
  },
  'POST /api/v1/consultations/:id/actions/prepare': consultationAction(0),
  'POST /api/v1/consultations/:id/actions/convene': consultationAction(1),
  'POST /api/v1/consultations/:id/actions/conclude': consultationAction(2),
  'POST /api/v1/consultations/:id/actions/dispatch': consultationAction(3),
  'POST /api/v1/consultations/:id/actions/track': consultationAction(4),
  'POST /api/v1/consultations/:id/actions/close': consultationAction(5),
  // 网络议政: staff open and close comments and moderate them; anyone reads and follows them while
  // open, every login comments and votes.
  'POST /api/v1/consultations/:id/actions/openComments': { ...STAFF_ON_OURS, req: async (c) => ({ id: await consultation(c, 1), body: { moderation: 'pre' } }) },
  'POST /api/v1/consultations/:id/actions/closeComments': { ...STAFF_ON_OURS, req: async (c) => ({ id: await openComments(c), body: {} }) },
  'GET /api/v1/consultations/:id/comments': { who: 'see statuses', statuses: '200 200 200 200 200 200 200 404 404', ok: 200, req: async (c) => ({ id: await openComments(c) }) },
  // Its export as anyone reads the visible comments; the moderation queue (status=held) is staff's.
  'GET /api/v1/consultations/:id/comments.xlsx': { who: 'see statuses', statuses: '200 200 200 200 200 200 200 404 404', ok: 200, req: async (c) => ({ id: await openComments(c) }) },
  'GET /api/v1/consultations/:id/comments.csv': {
    who: 'see statuses', statuses: '403 403 200 403 403 403 403 404 404', ok: 200, req: async (c) => ({ id: await openComments(c), query: { status: 'held' } }),
  },
  // Themes of the comments: readable as the comments are (the first answer may have none yet: they are grouped on a worker).
  'GET /api/v1/consultations/:id/themes': { who: 'see statuses', statuses: '200 200 200 200 200 200 200 404 404', ok: 200, req: async (c) => ({ id: await openComments(c) }) },
  'GET /api/v1/consultations/:id/comments/stream': {
    who: 'see statuses', statuses: '                                               200 200 200 200 200 200 200 404 404', ok: 200,
    req: async (c) => ({ id: await openComments(c), query: { after: '0', live: 'false' } }),
  },
  'POST /api/v1/consultations/:id/comments': {
    who: 'see statuses', statuses: '                                               401 201 201 201 201 201 201 404 404', ok: 201,
    req: async (c) => ({ id: await openComments(c), body: { content: c.uniq('意见') } }),
  },
  'POST /api/v1/consultations/:id/comments/:commentId/vote': {
    who: 'see statuses', statuses: '                                               401 200 200 200 200 200 200 404 404', ok: 200,
    req: async (c) => ({ ...(await commentOf(c, 'post')), body: { value: 'support' } }),
  },
  'POST /api/v1/consultations/:id/comments/:commentId/approve': { ...STAFF_ON_OURS, req: async (c) => ({ ...(await commentOf(c, 'pre')), body: {} }) },
  'POST /api/v1/consultations/:id/comments/:commentId/hide': { ...STAFF_ON_OURS, req: async (c) => ({ ...(await commentOf(c, 'post')), body: { reason: '与议题无关' } }) },
  'GET /api/v1/moderation/sensitive-words': { who: ['staff'], ok: 200 },
  'PUT /api/v1/moderation/sensitive-words': { who: ['staff'], ok: 200, req: () => ({ body: { words: ['矩阵测试敏感词'] } }) },
  // Recommendations: staff write and assign them; units handle those assigned to them, as proposals.
  'POST /api/v1/consultations/:id/recommendations': {
    who: 'see statuses', statuses: '                                               401  403 201 403 403 403 403 404 404', ok: 201,
    req: async (c) => ({ id: await consultation(c, 3), body: { title: c.uniq('建议'), content: '建议内容' } }),
  },
  'GET /api/v1/consultations/:id/recommendations': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await consultation(c, 3) }) },
  'GET /api/v1/recommendations': { who: ANYONE, ok: 200 },
  'GET /api/v1/recommendations.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/recommendations.csv': { who: ANYONE, ok: 200 },
  'GET /api/v1/recommendations/:id': recommendation('assigned', '                 401  200 200 200 200 200 200 404 404'),
  'GET /api/v1/recommendations/:id/actions': recommendation('assigned', '         401  200 200 200 200 200 200 404 404'),
  'GET /api/v1/recommendations/board': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/recommendations/board.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { days: '30' } }) },
  'GET /api/v1/recommendations/board.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/recommendations/measures': { who: ['admin', 'staff', 'leader'], ok: 200 },
  'GET /api/v1/recommendations/measures.xlsx': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { year: '2031', kind: 'supervision' } }) },
  'GET /api/v1/recommendations/measures.csv': { who: ['admin', 'staff', 'leader'], ok: 200 },
  // Attachments as on a proposal: the signed handling units upload; whoever may read the recommendation downloads.
  'POST /api/v1/recommendations/:id/attachments': {
    who: 'see statuses', statuses: '                 401  403 403 403 403 201 201 404 404', ok: 201,
    req: async (c) => ({ id: await c.target('recommendation handling', () => recommendationIn(c.t, 'handling', c.uniq('建议'))), form: pdfForm() }),
  },
  'GET /api/v1/recommendations/:id/attachments/:attachmentId': { who: 'see statuses', statuses: '401  200 200 200 200 200 200 404 404', ok: 200, req: recAttached },
  'GET /api/v1/recommendations/:id/history': recommendation('pending', '          401  200 200 200 200 404 404 404 404'),
  'POST /api/v1/recommendations/:id/actions/assign': recommendation('pending', '   401  403 200 403 403 404 404 404 404', (c) => ({ units: UNITS_OF(c.t) })),
  'POST /api/v1/recommendations/:id/actions/reassign': recommendation('assigned', '401  403 200 403 403 403 403 404 404', (c) => ({ units: UNITS_OF(c.t).map((u) => ({ ...u, role: u.role === 'lead' ? 'co' : 'lead' })), note: '改办' })),
  'POST /api/v1/recommendations/:id/actions/sign': recommendation('assigned', '    401  403 403 403 403 200 200 404 404'),
  'POST /api/v1/recommendations/:id/actions/return': recommendation('assigned', '  401  403 403 403 403 200 200 404 404', () => ({ reason: '不属于本单位职责' })),
  'POST /api/v1/recommendations/:id/actions/opinion': recommendation('handling', ' 401  403 403 403 403 403 200 404 404', () => ({ content: '协办意见' })),
  'POST /api/v1/recommendations/:id/actions/logContact': recommendation('handling', '401 403 403 403 403 200 200 404 404', () => ({ kind: 'phone', date: day(-1), content: '电话沟通' })),
  'POST /api/v1/recommendations/:id/actions/requestExtension': recommendation('handling', '401 403 403 403 403 200 403 404 404', () => ({ dueDate: day(120), reason: '需要调研' })),
  'POST /api/v1/recommendations/:id/actions/grantExtension': recommendation('extensionAsked', '401 403 200 403 403 403 403 404 404'),
  'POST /api/v1/recommendations/:id/actions/refuseExtension': recommendation('extensionAsked', '401 403 200 403 403 403 403 404 404', () => ({ note: '按期办理' })),
  'POST /api/v1/recommendations/:id/actions/reply': recommendation('handling', '   401  403 403 403 403 200 403 404 404', () => ({ category: 'A', content: '已采纳' })),
  'POST /api/v1/recommendations/:id/actions/evaluate': recommendation('replied', ' 401  403 200 403 403 403 403 404 404', () => ({ satisfaction: 'satisfied' })),
  'POST /api/v1/recommendations/:id/actions/recordOutcome': recommendation('replied', '401 403 200 403 403 403 403 404 404', () => ({ kind: 'department', title: '工作方案', date: day(-1), progress: 50 })),
  'POST /api/v1/recommendations/:id/actions/noOutcome': recommendation('replied', '401  403 200 403 403 403 403 404 404', () => ({ reason: '涉及省级事权' })),
  // 协商在一线 council rooms: staff keep them, every login of the committee reads them; the
  // figures are for the office and leaders. (Another committee's staff name no host of theirs: 422.)
  'GET /api/v1/consultations/rooms': { who: ANYONE, ok: 200 },
  'GET /api/v1/consultations/rooms.xlsx': { who: ANYONE, ok: 200 },
  'GET /api/v1/consultations/rooms.csv': { who: ANYONE, ok: 200 },
  'GET /api/v1/consultations/rooms/figures': { who: ['admin', 'staff', 'leader'], ok: 200, req: () => ({ query: { scope: 'tree' } }) },
  'POST /api/v1/consultations/rooms': {
    who: 'see statuses', statuses: '                                               401  403 201 403 403 403 403 403 422', ok: 201,
    req: (c) => ({ body: { name: c.uniq('议事室'), hostUnitId: c.t.fx.unitIds.a } }),
  },
  'GET /api/v1/consultations/rooms/:id': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await room(c) }) },
  'PATCH /api/v1/consultations/rooms/:id': { ...STAFF_ON_OURS, req: async (c) => ({ id: await room(c), body: { place: c.uniq('地点') } }) },
  'PUT /api/v1/consultations/rooms/:id/members': { ...STAFF_ON_OURS, req: async (c) => ({ id: await room(c), body: { memberIds: [c.t.fx.memberIds[0]] } }) },
  // Democratic supervision's inspection visits: every login of the committee reads them; staff log them.
  'GET /api/v1/consultations/:id/visits': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await supervisionItem(c) }) },
  'GET /api/v1/consultations/:id/visits.xlsx': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await supervisionItem(c) }) },
  'GET /api/v1/consultations/:id/visits.csv': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await supervisionItem(c) }) },
  'POST /api/v1/consultations/:id/visits': {
    who: 'see statuses', statuses: '                                               401  403 201 403 403 403 403 404 404', ok: 201,
    req: async (c) => ({ id: await supervisionItem(c), body: { visitedOn: day(-1), place: c.uniq('地点'), findings: '发现问题' } }),
  },
  'PATCH /api/v1/consultations/:id/visits/:visitId': { ...STAFF_ON_OURS, req: async (c) => ({ ...(await visit(c)), body: { findings: c.uniq('发现') } }) },
  // The meeting: every login reads it; staff run it; the invited member replies and signs in with the code.
  'GET /api/v1/consultations/invitations': { who: ANYONE, ok: 200 },
  'GET /api/v1/consultations/meeting-settings': { who: ANYONE, ok: 200 },
  'PATCH /api/v1/consultations/meeting-settings': { who: ADMIN, ok: 200, req: () => ({ body: { invitationDays: 15 } }) },
  'GET /api/v1/consultations/:id/meeting': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await meeting(c, 'scheduled') }) },
  'PUT /api/v1/consultations/:id/meeting': {
    ...STAFF_ON_OURS, req: async (c) => ({ id: await consultation(c, 2), body: { date: day(30), time: '14:30', place: '会议室', agenda: [{ time: '14:30', title: '发言', speaker: '特邀嘉宾' }] } }),
  },
  'POST /api/v1/consultations/:id/meeting/invitees': { ...STAFF_ON_OURS, req: async (c) => ({ id: await meeting(c, 'scheduled'), body: { standing: true } }) },
  'POST /api/v1/consultations/:id/meeting/invitees/remove': { ...STAFF_ON_OURS, req: async (c) => ({ id: await meeting(c, 'scheduled'), body: { memberIds: [c.t.fx.memberIds[0]] } }) },
  'POST /api/v1/consultations/:id/meeting/invitations': { ...STAFF_ON_OURS, req: async (c) => ({ id: await meeting(c, 'scheduled'), body: {} }) },
  'POST /api/v1/consultations/:id/meeting/reply': { who: 'see statuses', statuses: MEMBER_INVITED, ok: 200, req: async (c) => ({ id: await meeting(c, 'invited'), body: { answer: 'attend' } }) },
  'POST /api/v1/consultations/:id/meeting/leave': { ...STAFF_ON_OURS, req: async (c) => ({ id: await meeting(c, 'leave'), body: { memberId: c.t.fx.memberIds[0], approve: true } }) },
  'GET /api/v1/consultations/:id/meeting/sign-in-code': { ...STAFF_ON_OURS, req: async (c) => ({ id: await meeting(c, 'scheduled') }) },
  'POST /api/v1/consultations/:id/meeting/sign-in': {
    who: 'see statuses', statuses: MEMBER_INVITED, ok: 200, req: async (c) => { const id = await meeting(c, 'today'); return { id, body: { code: await codeOf(c.t, id) } }; },
  },
  'POST /api/v1/consultations/:id/meeting/attendance': { ...STAFF_ON_OURS, req: async (c) => ({ id: await meeting(c, 'today'), body: { memberId: c.t.fx.memberIds[0], present: true } }) },
  'PUT /api/v1/consultations/:id/meeting/minutes': { ...STAFF_ON_OURS, req: async (c) => ({ id: await meeting(c, 'past'), body: { text: '会议纪要' } }) },
  'POST /api/v1/consultations/:id/meeting/materials': { ...STAFF_ON_OURS, statuses: '401 403 201 403 403 403 403 404 404', ok: 201, req: async (c) => ({ id: await meeting(c, 'scheduled'), form: pdfForm() }) },
  'POST /api/v1/consultations/:id/meeting/minutes/file': { ...STAFF_ON_OURS, statuses: '401 403 201 403 403 403 403 404 404', ok: 201, req: async (c) => ({ id: await meeting(c, 'past'), form: pdfForm() }) },
  'POST /api/v1/consultations/:id/meeting/speeches': {
    who: 'see statuses', statuses: '401 403 201 403 201 403 403 404 404', ok: 201,
    req: async (c) => ({ id: await meeting(c, 'scheduled'), query: { memberId: c.t.fx.memberIds[0]! }, form: pdfForm() }),
  },
  'GET /api/v1/consultations/:id/files/:fileId': {
    who: ANYONE, scoped: true, ok: 200, req: async (c) => { const [id, fileId] = (await meeting(c, 'file')).split('/') as [string, string]; return { id, params: { fileId } }; },
  },
  'POST /api/v1/consultations/:id/checklist/deliverable': {
    ...STAFF_ON_OURS, statuses: '401 403 201 403 403 403 403 404 404', ok: 201, req: async (c) => ({ id: await consultation(c), query: { key: 'forum' }, form: pdfForm() }),
  },
  'GET /api/v1/consultations/plan': { who: ANYONE, ok: 200, req: () => ({ query: { year: '2040' } }) },
  'GET /api/v1/consultations/plan.xlsx': { who: ANYONE, ok: 200, req: () => ({ query: { year: '2040' } }) },
  'GET /api/v1/consultations/plan.csv': { who: ANYONE, ok: 200, req: () => ({ query: { year: '2040' } }) },
  'POST /api/v1/consultations/plan/items': { who: ['staff'], ok: 201, req: (c) => ({ body: { year: 2040, kind: 'standing', month: 4, topic: c.uniq('计划') } }) },
  'PATCH /api/v1/consultations/plan/items/:id': { ...STAFF_ON_OURS, req: async (c) => ({ id: await planItem(c), body: { month: 6 } }) },
  'DELETE /api/v1/consultations/plan/items/:id': { ...STAFF_ON_OURS, statuses: '401 403 204 403 403 403 403 404 404', ok: 204, req: async (c) => ({ id: await planItem(c) }) },
  'POST /api/v1/consultations/plan/adopt': { who: ['leader'], ok: 200, req: async (c) => ({ body: { year: Number(await planToAdopt(c)) } }) },
  // 开门式选题: anyone logged in proposes and supports (not their own); staff shortlist, merge and answer; a leader picks.
  // The open topics are readable without a login, as published proposals are.
  'GET /api/v1/consultations/topics': { who: 'public', ok: 200, req: () => ({ query: { year: String(TOPIC_YEAR) } }) },
  'GET /api/v1/consultations/topics.xlsx': { who: 'public', ok: 200, req: () => ({ query: { year: String(TOPIC_YEAR) } }) },
  'GET /api/v1/consultations/topics.csv': { who: 'public', ok: 200, req: () => ({ query: { year: String(TOPIC_YEAR) } }) },
  'POST /api/v1/consultations/topics': { who: ANYONE, ok: 201, req: (c) => ({ body: { year: TOPIC_YEAR, title: c.uniq('选题'), reason: '理由' } }) },
  // (a login of another committee reads its own committee's topics only)
  'GET /api/v1/consultations/topics/:id': { who: 'see statuses', statuses: '200 200 200 200 200 200 200 404 404', ok: 200, req: async (c) => ({ id: await topic(c) }) },
  'GET /api/v1/consultations/topics/:id/actions': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await topic(c) }) },
  'GET /api/v1/consultations/topics/:id/history': { who: ANYONE, scoped: true, ok: 200, req: async (c) => ({ id: await topic(c) }) },
  'POST /api/v1/consultations/topics/:id/actions/shortlist': { ...STAFF_ON_OURS, req: async (c) => ({ id: await topic(c), body: {} }) },
  'POST /api/v1/consultations/topics/:id/actions/pick': {
    who: 'see statuses', statuses: '401 403 403 200 403 403 403 404 404', ok: 200,
    req: async (c) => ({ id: await topic(c, true), body: { as: 'consultation', kind: 'bimonthly' } }),
  },
  'POST /api/v1/consultations/topics/:id/actions/decline': {
    who: 'see statuses', statuses: '401 403 200 200 403 403 403 404 404', ok: 200, req: async (c) => ({ id: await topic(c), body: { answer: '已有类似安排' } }),
  },
  'POST /api/v1/consultations/topics/:id/actions/merge': {
    ...STAFF_ON_OURS, req: async (c) => ({ id: await topic(c), body: { intoId: await c.target('topic to merge into', () => topicIn(c.t, c.uniq('并入'))) } }),
  },
  // The member proposed it: not theirs to support.
  'POST /api/v1/consultations/topics/:id/actions/support': {
    who: 'see statuses', statuses: '401 200 200 200 403 200 200 404 404', ok: 200, req: async (c) => ({ id: await topic(c), body: {} }),
  },
  'POST /api/v1/consultations/topics/:id/actions/unsupport': {
    who: 'see statuses', statuses: '401 200 200 200 403 200 200 404 404', ok: 200, req: async (c) => ({ id: await supportedTopic(c), body: {} }),
  },
  'GET /api/v1/members/:id/honours': { who: ANYONE, scoped: true, ok: 200, req: (c) => ({ id: c.t.fx.memberIds[0] }) },
  // Last (it revokes the caller's tokens): changed to an interim password first, and the call changes it back.
  'POST /api/v1/auth/password': {
    who: ANYONE, ok: 200,
    req: async ({ t, caller }) => {
      if (caller.login) {
        const res = await inject(t, caller.login, 'POST', '/api/v1/auth/password', { currentPassword: t.fx.password, newPassword: 'interim-pass-1' });
        if (res.statusCode !== 200) throw new Error(`interim password for ${caller.login}: ${res.statusCode} ${res.body}`);
      }
      return { body: { currentPassword: 'interim-pass-1', newPassword: t.fx.password } };
    },
  },
};

/** Not in the matrix: documentation, the health check and the built web app (all GET). */
const isUnchecked = (url: string) =>
  url === '/api/docs' || url.startsWith('/api/docs/') || url === '/api/openapi.json' || url === '/api/health' || !url.startsWith('/api/');

/** The URL of a route for a request: path parameters filled in, query appended. */
function urlOf(route: string, path: string, r: Req): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const v = name === 'id' ? r.id : r.params?.[name];
    if (!v) throw new Error(`${route}: req() gives no ${name}`);
    return v;
  });
  return filled + (r.query ? `?${new URLSearchParams(r.query)}` : '');
}

function isProblem(res: LightMyRequestResponse, status: number): boolean {
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) return false;
  const b = res.json();
  return b.status === status && typeof b.title === 'string' && typeof b.detail === 'string' && Array.isArray(b.errors);
}

describe.each(engines)('authorization matrix (%s)', (engine) => {
  let t: TestApp;
  let termId: string;
  let ourIds: string[] = [];
  let counter = 0;
  let numbers = 10;
  let mergeTarget: string;
  let grounds: string[];
  const shared = new Map<string, Promise<string>>();
  let tableSnapshot: () => Promise<Record<string, string>>;
  beforeAll(async () => {
    // Background jobs poll rarely, so that nothing but the request under test writes.
    t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600, COMMENTS_PER_MINUTE_ACCOUNT: 1000 });
    // Documents are processed where the test says (libraryDoc), not in the background of later requests.
    t.app.library.kick = () => undefined;
    tableSnapshot = snapshotter(t);
    termId = (await inject(t, 'admin', 'POST', '/api/v1/terms', { number: 90, startYear: 2023, endYear: 2028 })).json().id;
    grounds = (await inject(t, 'staff', 'GET', '/api/v1/proposals/settings')).json().notFiledGrounds;
    mergeTarget = await proposalIn(t, 'filed', '并案目标');
    ourIds = [t.fx.orgId, t.fx.countyId, termId, t.fx.committeeId, t.fx.unitIds.a, t.fx.unitIds.b, ...t.fx.sectorIds, ...t.fx.memberIds,
      ...Object.entries(t.fx.userIds).filter(([u]) => t.fx.orgOf[u] === t.fx.orgId).map(([, id]) => id)];
    for (const c of CALLERS) if (c.login) await t.as(c.login);
  });
  afterAll(async () => { await t?.close(); });

  const ctxFor = (caller: Caller, want = 200, method = 'GET'): Ctx => {
    const uniq = (p: string) => `${p}${engine.slice(0, 2)}${++counter}${caller.name.slice(0, 3)}`;
    const target = (key: string, make: () => Promise<string>) => {
      if (want < 300 && method !== 'GET') return make();
      if (!shared.has(key)) shared.set(key, make());
      return shared.get(key)!;
    };
    return {
      t, caller, termId, want, uniq, mergeTarget, grounds, target,
      next: () => ++numbers,
      proposal: (stage, slot = '') => target(`proposal ${stage}${slot}`, () => proposalIn(t, stage, uniq('关于'))),
    };
  };

  it('lists every registered route, and only those', async () => {
    const routes = [...registered].map((r) => r.split(' ') as [string, string]);
    // Static files of the web app may only be read.
    expect(routes.filter(([m, u]) => !u.startsWith('/api/') && !['GET', 'HEAD'].includes(m))).toEqual([]);
    // HEAD routes are Fastify's automatic twins of GET routes (same handler and hooks).
    const checked = routes.filter(([m, u]) => !isUnchecked(u) && !(m === 'HEAD' && registered.has(`GET ${u}`))).map(([m, u]) => `${m} ${u}`);
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.filter((r) => !(r in MATRIX)), 'routes missing from MATRIX').toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !checked.includes(r)), 'MATRIX entries for routes that do not exist').toEqual([]);
    // The OpenAPI document lists nothing the app does not serve.
    const documented = (await apiOperations(t)).map((o) => `${o.method} ${o.path}`);
    expect(documented.filter((r) => !registered.has(r))).toEqual([]);
  });

  it('serves health and the OpenAPI document without a login', async () => {
    for (const url of ['/api/health', '/api/openapi.json']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  const failedEvents = () => t.database.db.select({ id: outbox.id, type: outbox.type, attempts: outbox.attempts, error: outbox.lastError, delivered: outbox.dispatchedAt })
    .from(outbox).where(isNotNull(outbox.lastError));
  const changes = (before: Record<string, string>, after: Record<string, string>) => Object.keys(after).filter((table) => after[table] !== before[table]);
  it.each(Object.keys(MATRIX))('%s', async (route) => {
    const rule = MATRIX[route]!;
    const [method, path] = route.split(' ') as [string, string];
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      const want = expected(rule, caller);
      const r = (await rule.req?.(ctxFor(caller, want, method))) ?? {};
      const url = urlOf(route, path, r);
      const headers = { ...(caller.login ? await t.as(caller.login) : {}), ...r.headers };
      const send = () => t.app.inject({ method: method as 'GET', url, headers, ...(r.form ? { payload: r.form } : r.body !== undefined ? { payload: r.body as object } : {}) });
      const before = want >= 400 ? await tableSnapshot() : undefined;
      const res = await send();
      const said = `${caller.name}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (res.statusCode !== want) { wrong.push(said); continue; }
      if (want >= 400) {
        if (!isProblem(res, want)) wrong.push(`${caller.name}: not a problem+json ${want}: ${res.body.slice(0, 200)}`);
        // A refused request changes nothing.
        let changed = changes(before!, await tableSnapshot());
        if (changed.length) {
          // Something beside the request may have written in its window: the same request again must
          // change nothing, or the change is its own. Said aloud, for whoever finds what wrote.
          console.warn(`${route}, ${caller.name}: the database changed around a refused request (${changed.join(', ')}); asking again. Failed subscribers: ${JSON.stringify(await failedEvents())}`);
          const again = await tableSnapshot();
          await send();
          changed = changes(again, await tableSnapshot());
        }
        if (changed.length) wrong.push(`${caller.name}: the refused request changed the database (${changed.join(', ')})`);
      }
      // Nothing of this committee shows through to a user of another committee.
      // (A committee above sees this one, and the county under it, in its tree of committees.)
      const rowsOnly = ourIds.filter((id) => id !== t.fx.orgId && id !== t.fx.countyId);
      const hidden = caller.above ? (rule.sharedUp ? [] : rowsOnly) : rule.namesCommittees ? rowsOnly : ourIds;
      if (caller.foreign && hidden.some((id) => res.body.includes(id))) wrong.push(`${caller.name}: response shows this committee's ids: ${res.body.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("finds no token or notification of another user, even of the same committee", async () => {
    const token = (await inject(t, 'staff', 'POST', '/api/v1/auth/tokens', { name: 'mine' })).json().id as string;
    const [note] = await t.database.db.insert(notifications).values({ orgId: t.fx.orgId, userId: t.fx.userIds.staff!, kind: 'test', title: '给工作人员' }).returning();
    const before = await tableSnapshot();
    expect((await inject(t, 'admin', 'DELETE', `/api/v1/auth/tokens/${token}`)).statusCode).toBe(404);
    expect((await inject(t, 'member', 'POST', `/api/v1/notifications/${note!.id}/read`)).statusCode).toBe(404);
    expect(await tableSnapshot()).toEqual(before);
  });

  it('shows phone and e-mail to the office and the member themself only', async () => {
    const [zhang, li, , zhao] = t.fx.memberIds as [string, string, string, string];
    const cases: [string, string, boolean][] = [
      ['admin', zhang, true], ['staff', zhang, true], ['member', zhang, true], ['leader', zhao, true], ['member2', li, true],
      ['member', li, false], ['member2', zhang, false], ['leader', zhang, false], ['unitA', zhang, false], ['unitB', li, false],
    ];
    for (const [login, id, sees] of cases) {
      const body = (await inject(t, login, 'GET', `/api/v1/members/${id}`)).json();
      expect(body.id, `${login} reads ${id}`).toBe(id);
      expect(['phone' in body, 'email' in body], `${login} reading ${body.name}`).toEqual([sees, sees]);
    }
    expect((await inject(t, 'admin', 'GET', `/api/v1/members/${zhang}`)).json()).toMatchObject({ phone: '13800000001', email: 'zs@example.cn' });
    // The directory shows no contact details to anyone.
    for (const login of ['admin', 'staff', 'member']) {
      const items = (await inject(t, login, 'GET', '/api/v1/members?pageSize=100&active=all')).json().items as object[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.filter((m) => 'phone' in m || 'email' in m)).toEqual([]);
    }
  });

  it('lets the clerk of another unit read the same as unitA and edit no unit', async () => {
    const personal = new Set(['GET /api/v1/auth/me', 'GET /api/v1/auth/memberships', 'GET /api/v1/auth/tokens', 'GET /api/v1/todos', 'GET /api/v1/notifications', 'GET /api/v1/documents/favourites']);
    for (const [route, rule] of Object.entries(MATRIX)) {
      const [method, path] = route.split(' ') as [string, string];
      if (method !== 'GET' || personal.has(route) || rule.who === 'public') continue;
      const r = (await rule.req?.(ctxFor(CALLERS.find((c) => c.name === 'unitA')!))) ?? {};
      const url = urlOf(route, path, r);
      const [a, b] = [await inject(t, 'unitA', 'GET', url), await inject(t, 'unitB', 'GET', url)];
      expect(b.statusCode, route).toBe(a.statusCode);
      // (Files such as letters carry the time they were made.)
      if (String(a.headers['content-type']).includes('json')) expect(b.body, route).toBe(a.body);
    }
    for (const [login, id] of [['unitA', t.fx.unitIds.a], ['unitB', t.fx.unitIds.b], ['unitB', t.fx.unitIds.a]] as const) {
      const res = await inject(t, login, 'PATCH', `/api/v1/units/${id}`, { name: 'renamed by a clerk' });
      expect(res.statusCode, `${login} PATCH /units/${id}`).toBe(403);
    }
  });

  it("refuses references to another committee's objects in this committee's writes", async () => {
    const otherUnit = (await inject(t, 'otherAdmin', 'POST', '/api/v1/units', { name: '外市法院', kind: 'court' })).json().id as string;
    const otherCommittee = (await inject(t, 'otherAdmin', 'POST', '/api/v1/committees', { name: '外市专委会' })).json().id as string;
    const [zhang] = t.fx.memberIds as [string];
    const cases: [string, string, string, object, string][] = [
      ['staff', 'POST', '/api/v1/members', { name: '跨界', sectorId: t.fx.otherSectorId, party: '中共', standing: false }, '/sectorId'],
      ['staff', 'POST', '/api/v1/members', { name: '跨县', sectorId: t.fx.sectorIds[0]!, party: '中共', standing: false, countyOrgId: t.fx.otherOrgId }, '/countyOrgId'],
      ['staff', 'PATCH', `/api/v1/members/${zhang}`, { committeeIds: [otherCommittee] }, '/committeeIds'],
      ['admin', 'POST', '/api/v1/users', { username: 'cross-member', password: 'long-enough-1', roles: ['member'], memberId: t.fx.otherMemberId }, '/memberId'],
      ['admin', 'POST', '/api/v1/users', { username: 'cross-unit', password: 'long-enough-1', roles: ['unit'], unitId: otherUnit }, '/unitId'],
      ['admin', 'PATCH', `/api/v1/users/${t.fx.userIds.unitA}`, { unitId: otherUnit }, '/unitId'],
    ];
    for (const [login, method, url, body, field] of cases) {
      const before = await tableSnapshot();
      const res = await inject(t, login, method, url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBe(422);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
      expect(await tableSnapshot()).toEqual(before);
    }
  });

  // A login linking both a member and a unit has both links checked.
  it("refuses another committee's unit on a login that also links a member", async () => {
    const otherUnit = (await inject(t, 'otherAdmin', 'POST', '/api/v1/units', { name: '外市检察院', kind: 'procuratorate' })).json().id as string;
    const created = await inject(t, 'admin', 'POST', '/api/v1/users', { username: 'cross-both', password: 'long-enough-1', roles: ['member', 'unit'], memberId: t.fx.memberIds[2], unitId: otherUnit });
    const patched = await inject(t, 'admin', 'PATCH', `/api/v1/users/${t.fx.userIds.member2}`, { unitId: otherUnit });
    expect([created.statusCode, patched.statusCode]).toEqual([422, 422]);
  });
  // The read rule of GET …/:id holds for every list, search and suggestion: nothing listed is a 404 to open.
  it('lists, searches and suggests to each caller only what that caller may open', async () => {
    const topic = '社区养老服务设施';
    const onlyA = await proposalIn(t, 'filed', `关于完善${topic}的提案`);
    expect((await inject(t, 'staff', 'POST', `/api/v1/proposals/${onlyA}/actions/assign`, { units: [{ unitId: t.fx.unitIds.a, role: 'lead' }] })).statusCode).toBe(200);
    const published = await proposalIn(t, 'closed', `关于${topic}建设的提案`);
    expect((await inject(t, 'staff', 'POST', `/api/v1/proposals/${published}/actions/publish`, {})).statusCode).toBe(200);
    await proposalIn(t, 'extensionAsked', `关于${topic}运营的提案`);
    await opinionIn(t, 'submitted', '社情民意：养老服务');
    const round = await selectionIn(t, 'unitLevel', '可见性评选');
    const items = (b: { items: { id: string }[] }) => b.items.map((x) => x.id);
    await recommendationIn(t, 'assigned', '可见性建议');
    await recommendationIn(t, 'pending', '未交办的建议');
    const LISTS: [url: string, kind: 'proposals' | 'opinions' | 'recommendations', ids: (body: never) => string[]][] = [
      ['/api/v1/proposals?pageSize=100', 'proposals', items],
      ['/api/v1/proposals?pageSize=100&mine=true', 'proposals', items],
      ['/api/v1/proposals?pageSize=100&published=true', 'proposals', items],
      [`/api/v1/proposals/search?pageSize=100&q=${encodeURIComponent('养老')}`, 'proposals', items],
      [`/api/v1/proposals/search?pageSize=100&published=true&q=${encodeURIComponent('养老')}`, 'proposals', items],
      [`/api/v1/proposals/similar?limit=20&minScore=0&text=${encodeURIComponent(topic)}`, 'proposals', (b: { id: string }[]) => b.map((x) => x.id)],
      ['/api/v1/proposals/board?days=180', 'proposals', (b: { items: { items: { proposalId: string }[] }[] }) => b.items.flatMap((g) => g.items.map((x) => x.proposalId))],
      ['/api/v1/proposals/key?all=true', 'proposals', items],
      ['/api/v1/proposals/extensions', 'proposals', (b: { items: { proposalId: string }[] }) => b.items.map((x) => x.proposalId)],
      ['/api/v1/opinions?pageSize=100', 'opinions', items],
      ['/api/v1/opinions?pageSize=100&mine=true', 'opinions', items],
      ['/api/v1/recommendations?pageSize=100', 'recommendations', items],
      [`/api/v1/selections/${round.id}/entries?pageSize=100`, 'proposals', (b: { items: { proposalId: string }[] }) => b.items.map((x) => x.proposalId)],
      [`/api/v1/selections/${round.id}/entries?pageSize=100&level=1`, 'proposals', (b: { items: { proposalId: string }[] }) => b.items.map((x) => x.proposalId)],
      [`/api/v1/selections/${round.id}/eligible?pageSize=100`, 'proposals', items],
      [`/api/v1/search?pageSize=50&kind=proposal&q=${encodeURIComponent('养老')}`, 'proposals', items],
      [`/api/v1/search?pageSize=50&kind=opinion&q=${encodeURIComponent('养老')}`, 'opinions', items],
    ];
    const get = async (login: string | undefined, url: string) => t.app.inject({ url, headers: login ? await t.as(login) : {} });
    const wrong: string[] = [];
    const seen: Record<string, string[]> = {};
    for (const login of [undefined, 'admin', 'staff', 'leader', 'member', 'member2', 'unitA', 'unitB', 'otherStaff']) {
      const opens = new Map<string, number>(); // each object opened once per caller
      for (const [url, kind, ids] of LISTS) {
        const res = await get(login, url);
        if (res.statusCode !== 200) continue; // who may call a route at all is the matrix's business
        const listed = [...new Set(ids(res.json() as never))];
        seen[`${login ?? 'anonymous'} ${url}`] = listed;
        for (const id of listed) {
          const path = `/api/v1/${kind}/${id}`;
          if (!opens.has(path)) opens.set(path, (await get(login, path)).statusCode);
          if (opens.get(path) !== 200) wrong.push(`${login ?? 'anonymous'}: ${url} lists ${kind}/${id}, which answers ${opens.get(path)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    const similar = (login: string) => seen[`${login} ${LISTS[5]![0]}`]!;
    expect(similar('unitA')).toContain(onlyA);
    expect(similar('unitB')).not.toContain(onlyA);
    expect(similar('unitB')).toContain(published);
    expect(similar('staff')).toEqual(expect.arrayContaining([onlyA, published]));
    expect(Object.values(seen).flat().length).toBeGreaterThan(50);
  }, 300_000);

  // A subscriber that failed retries later, writing at a time no request chose (what the matrix asks
  // again for): said aloud; and every event is delivered in the end.
  it('delivers every event of the matrix', async () => {
    const failed = await failedEvents();
    if (failed.length) console.warn(`subscribers failed during the matrix (retried): ${JSON.stringify(failed)}`);
    await t.database.db.update(outbox).set({ nextAttemptAt: null }).where(isNull(outbox.dispatchedAt));
    await t.app.outbox.kick();
    expect(await t.database.db.select({ type: outbox.type, error: outbox.lastError }).from(outbox).where(isNull(outbox.dispatchedAt))).toEqual([]);
  });

  // Every route has run for each caller allowed it: the audit log holds every kind of entry the app
  // writes, and each is named for people (the log page and its export: core/audit/names.ts).
  it('names every object and action the audit log holds', async () => {
    const kinds = await t.database.db.selectDistinct({ entity: auditLog.entity, action: auditLog.action }).from(auditLog);
    expect(kinds.length).toBeGreaterThan(100);
    const unnamed = kinds.filter((k) => entityName(k.entity, 'zh') === k.entity || actionName(k.entity, k.action, 'zh') === k.action
      || entityName(k.entity, 'en') === k.entity || actionName(k.entity, k.action, 'en') === k.action);
    expect(unnamed).toEqual([]);
    // …and the list names each kind's objects by title (core/audit/subjects.ts): every kind's lookup runs.
    const admin = await t.as('admin');
    const untitled: string[] = [];
    for (const entity of new Set(kinds.map((k) => k.entity))) {
      const res = await t.app.inject({ url: `/api/v1/audit?entity=${entity}&pageSize=20`, headers: admin });
      expect(res.statusCode, `${entity}: ${res.body}`).toBe(200);
      const items = res.json().items as { entityTitle: string | null; entityGone: boolean }[];
      if (items.length && items.every((e) => !e.entityTitle && !e.entityGone)) untitled.push(entity);
    }
    // (the sensitive words and a backfill of duty records are the committee's own: no object to name)
    expect(untitled.filter((e) => !['sensitiveWords', 'dutyRecords'].includes(e))).toEqual([]);
  });
});
