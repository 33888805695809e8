import { and, desc, eq, inArray, lte, max, sql } from 'drizzle-orm';
import type { Origin } from '../../core/origin.ts';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { conflict, forbidden, invalid, say } from '../../core/errors.ts';
import { answered, notify, memberUsers, memberUsersOf, roleUsers } from '../../core/notify.ts';
import { hasRole, memberOf } from '../../core/policies.ts';
import { members, plenarySessions, terms } from '../org/schema.ts';
import * as engine from '../handling/engine.ts';
import { storeUpload, type Upload } from '../handling/attachments.ts';
import { today } from '../handling/deadlines.ts';
import { rowFromJson } from '../../core/db/json-rows.ts';
import { runNamed } from '../../core/db/client.ts';
import { KIND, loadProposal, type Loaded } from './access.ts';
import { cosignNotice } from './notices.ts';
import { proposalCosigners, proposalRatings, proposals } from './schema.ts';
import { proposalSettings } from './settings.ts';
import { proposalWorkflow, type ProposalFacts } from './workflow.ts';

export interface DraftInput { title: string; body: string; kind: string; domain?: string | null; cosignerIds?: string[]; proposerName?: string; origin?: Origin }

const ref = (p: { id: string; title: string }) => ({ kind: KIND, id: p.id, title: p.title, href: `/proposals/${p.id}` });

async function checkCosigners(c: CommandScope, ids: string[], proposer: string | null) {
  const unique = [...new Set(ids)];
  if (proposer && unique.includes(proposer)) throw invalid('/cosignerIds', say('提案人不能附议自己的提案', 'the proposer cannot co-sign their own proposal'));
  if (!unique.length) return unique;
  const found = await c.tx.select({ id: members.id }).from(members).where(and(eq(members.orgId, c.actor.orgId), inArray(members.id, unique), eq(members.active, true)));
  if (found.length !== unique.length) throw invalid('/cosignerIds', say('含有不存在或已停用的委员', 'contains an unknown or inactive member'));
  return unique;
}

async function inviteCosigners(c: CommandScope, p: { id: string; title: string }, ids: string[]) {
  if (!ids.length) return;
  await c.tx.insert(proposalCosigners).values(ids.map((memberId) => ({ orgId: c.actor.orgId, proposalId: p.id, memberId }))).onConflictDoNothing();
  await notify(c.tx, c.actor.orgId, await memberUsers(c.tx, c.actor.orgId, ids), cosignNotice(p));
}

/** A unit (lead or co) uploads a file to attach to its reply or a contact-log entry. */
export function uploadAttachment(ctx: Ctx, id: string, file: Upload) {
  return runCommand(ctx, async (c) => {
    const l = await loadProposal(c.tx, c.actor, c.actor.orgId, id, { lock: true });
    if (!l.relations.some((r) => r === 'leadUnit' || r === 'coUnit')) throw forbidden(say('只有办理单位可以上传附件', 'Only the handling units attach files'));
    const row = await storeUpload(c, ref(l.p), file);
    await c.record({ action: 'uploaded', entity: 'attachment', entityId: row.id, after: { proposalId: id, filename: row.filename, size: row.size } });
    return row;
  });
}

/** A member (a leader who is one too) drafts a proposal (staff may enter one for a party group, special committee or sector). */
export function createProposal(ctx: Ctx, input: DraftInput) {
  return runCommand(ctx, (c) => insertProposal(c, input));
}

/** createProposal inside an open command (another module's, e.g. an opinion collected on a 双联 contact). */
export async function insertProposal(c: CommandScope, input: DraftInput) {
  // A member, or a leader who is one too (chairs and vice-chairs are).
  const byMember = !!memberOf(c.actor);
  const collective = ['group', 'committee', 'sector'].includes(input.kind);
  if (!byMember && !(collective && hasRole(c.actor, 'staff'))) throw forbidden(say('只有委员可以撰写提案', 'Only members draft proposals'));
  if (collective && !input.proposerName && !byMember) throw invalid('/proposerName', say('请填写党派、专委会或界别的名称', 'name the party group, special committee or sector'));
  const settings = await proposalSettings(c.tx, c.actor.orgId);
  if ([...input.body].length > settings.bodyLimit) throw invalid('/body', say(`不超过 ${settings.bodyLimit} 字`, `at most ${settings.bodyLimit} characters`));
  const proposerMemberId = byMember && !collective ? c.actor.memberId : null;
  let proposerName = input.proposerName ?? '';
  if (proposerMemberId) {
    const [m] = await c.tx.select({ name: members.name }).from(members).where(and(eq(members.orgId, c.actor.orgId), eq(members.id, proposerMemberId)));
    proposerName = m?.name ?? c.actor.displayName;
  }
  const cosignerIds = await checkCosigners(c, input.cosignerIds ?? [], proposerMemberId);
  if (input.kind !== 'joint' && cosignerIds.length) throw invalid('/cosignerIds', say('只有联名提案才有附议人', 'only a joint proposal has co-signers'));
  const [p] = await c.tx.insert(proposals).values({
    orgId: c.actor.orgId, title: input.title, body: input.body, kind: input.kind, domain: input.domain ?? null,
    proposerMemberId, proposerName: proposerName || c.actor.displayName, createdBy: c.actor.id, origin: input.origin ?? null,
  }).returning();
  await inviteCosigners(c, p!, cosignerIds);
  await c.record({ action: 'created', entity: 'proposal', entityId: p!.id, after: { state: 'draft', title: p!.title, note: input.origin?.label ?? null } });
  return p!;
}

/** The proposer edits a draft; changing co-signers re-invites (confirmations of removed ones lapse). */
export function updateDraft(ctx: Ctx, id: string, patch: Partial<DraftInput>) {
  return runCommand(ctx, async (c) => {
    const l = await loadProposal(c.tx, c.actor, c.actor.orgId, id, { lock: true });
    if (!l.relations.includes('proposer')) throw forbidden();
    if (l.p.state !== 'draft') throw conflict(say('只能修改草稿', 'Only a draft can be edited'));
    const settings = await proposalSettings(c.tx, c.actor.orgId);
    if (patch.body && [...patch.body].length > settings.bodyLimit) throw invalid('/body', say(`不超过 ${settings.bodyLimit} 字`, `at most ${settings.bodyLimit} characters`));
    const { cosignerIds, ...fields } = patch;
    const [after] = await c.tx.update(proposals).set({ ...fields, updatedAt: sql`now()` }).where(and(eq(proposals.orgId, l.p.orgId), eq(proposals.id, id))).returning();
    if (cosignerIds) {
      const ids = await checkCosigners(c, cosignerIds, l.p.proposerMemberId);
      if ((after!.kind !== 'joint') && ids.length) throw invalid('/cosignerIds', say('只有联名提案才有附议人', 'only a joint proposal has co-signers'));
      const keep = l.cosigners.filter((x) => ids.includes(x.memberId)).map((x) => x.memberId);
      await c.tx.delete(proposalCosigners).where(and(eq(proposalCosigners.orgId, l.p.orgId), eq(proposalCosigners.proposalId, id),
        keep.length ? sql`${proposalCosigners.memberId} not in ${keep}` : undefined));
      await inviteCosigners(c, after!, ids.filter((x) => !keep.includes(x)));
    }
    await c.record({ action: 'edited', entity: 'proposal', entityId: id, before: { title: l.p.title, body: l.p.body }, after: { title: after!.title, body: after!.body } });
    return after!;
  });
}

/** The plenary session a date falls in or after: proposals are numbered per session. */
async function sessionFor(c: CommandScope, day: string, opts: { lock?: boolean } = {}) {
  const q = c.tx.select({ s: plenarySessions, termNumber: terms.number }).from(plenarySessions)
    .innerJoin(terms, and(eq(terms.orgId, plenarySessions.orgId), eq(terms.id, plenarySessions.termId)))
    .where(and(eq(plenarySessions.orgId, c.actor.orgId), lte(plenarySessions.startsOn, day)))
    .orderBy(desc(plenarySessions.startsOn)).limit(1);
  const [s] = await runNamed(opts.lock ? q.for('update', { of: plenarySessions }) : q);
  if (!s) throw conflict(say('请先设置届次和会议', 'Set up a term and a plenary session first'));
  return { ...s.s, during: day >= s.s.startsOn && day <= (s.s.endsOn ?? s.s.startsOn) };
}

type Body = Record<string, unknown>;
type Step = (c: CommandScope, l: Loaded, body: Body, set: (v: Partial<typeof proposals.$inferInsert>) => void) => Promise<string | void>;

/** The committee's proposal settings, read once per command. */
const settingsOf = (c: CommandScope) => {
  let s = settingsRead.get(c);
  if (!s) settingsRead.set(c, s = proposalSettings(c.tx, c.actor.orgId));
  return s;
};
const settingsRead = new WeakMap<CommandScope, ReturnType<typeof proposalSettings>>();

/** The caller's own row among the proposal's co-signers. */
const callerAsCosigner = (c: CommandScope, l: Loaded) =>
  and(eq(proposalCosigners.orgId, l.p.orgId), eq(proposalCosigners.proposalId, l.p.id), eq(proposalCosigners.memberId, c.actor.memberId!));

/** What each action does beyond the state change; may return a note for the history. */
const steps: Record<string, Step> = {
  async submit(_c, _l, _b, set) { set({ submittedAt: new Date() }); },
  async withdraw() {},
  async cosign(c, l) {
    await c.tx.update(proposalCosigners).set({ confirmedAt: sql`now()` }).where(callerAsCosigner(c, l));
    await answered(c.tx, l.p.orgId, c.actor.id, 'cosign', `/proposals/${l.p.id}`);
  },
  // Off the list (the draft no longer theirs to read); the proposer told who and why, the history keeps it.
  async declineCosign(c, l, b) {
    const reason = (b.reason as string | undefined)?.trim();
    await c.tx.delete(proposalCosigners).where(callerAsCosigner(c, l));
    // (the request asked for a draft they may no longer read)
    await answered(c.tx, l.p.orgId, c.actor.id, 'cosign', `/proposals/${l.p.id}`);
    const [m] = await c.tx.select({ name: members.name }).from(members).where(and(eq(members.orgId, l.p.orgId), eq(members.id, c.actor.memberId!)));
    const name = m?.name ?? c.actor.displayName;
    const to = l.p.proposerMemberId ? memberUsersOf(l.p.orgId, [l.p.proposerMemberId]) : [l.p.createdBy];
    await notify(c.tx, l.p.orgId, to, { kind: 'proposal', title: `${name}拒绝附议您的提案：${l.p.title}`, body: reason, href: `/proposals/${l.p.id}`, params: { key: 'cosignDeclined', name, title: l.p.title } });
    return reason;
  },
  async file(c, l, _b, set) {
    // The session row locked while the next number is taken (numbers are per session).
    const s = await sessionFor(c, today(l.p.submittedAt ?? new Date()), { lock: true });
    const [{ n }] = (await runNamed(c.tx.select({ n: max(proposals.number) }).from(proposals).where(and(eq(proposals.orgId, s.orgId), eq(proposals.sessionId, s.id))))) as [{ n: number | null }];
    set({ termId: s.termId, sessionId: s.id, number: (n ?? 0) + 1, duringSession: s.during, filedAt: new Date() });
    await notifyProposers(c, l, 'filed', {}, `提案已立案：${l.p.title}`);
    return `第${(n ?? 0) + 1}号`;
  },
  async reject(c, l, b, set) {
    const reason = String(b.reason);
    const grounds = (await settingsOf(c)).notFiledGrounds;
    if (!grounds.some((g) => reason.startsWith(g))) throw invalid('/reason', say(`须以下列理由之一开头：${grounds.join('、')}`, `must start with one of the grounds: ${grounds.join('、')}`));
    set({ decisionReason: reason });
    await notifyProposers(c, l, 'notFiled', {}, `提案不予立案：${l.p.title}`, reason);
    return reason;
  },
  async sendBack(c, l, b, set) {
    const reason = String(b.reason).trim();
    // A draft again, to be mended and handed in anew (its submission then dated afresh).
    set({ submittedAt: null });
    await notifyProposers(c, l, 'sentBack', {}, `提案退回修改：${l.p.title}`, reason);
    return reason;
  },
  async classify(_c, l, b, set) {
    const domain = String(b.domain);
    if (domain === l.p.domain) throw invalid('/domain', say(`已属${domain}领域`, `it is under ${domain} already`));
    set({ domain });
    return `${l.p.domain ?? '未分类'} → ${domain}`;
  },
  async convert(c, l, b, set) {
    set({ convertedTo: String(b.to), decisionReason: String(b.reason) });
    await notifyProposers(c, l, b.to === 'opinion' ? 'toOpinion' : 'toLetter', {}, `提案转为${b.to === 'opinion' ? '社情民意信息' : '委员来信'}：${l.p.title}`, String(b.reason));
    return String(b.reason);
  },
  async merge(c, l, b, set) {
    const intoId = String(b.intoId);
    if (intoId === l.p.id) throw invalid('/intoId', say('不能并入自身', 'cannot merge a proposal into itself'));
    const target = await loadProposal(c.tx, c.actor, c.actor.orgId, intoId, { lock: true }).catch(() => { throw invalid('/intoId', say('提案不存在', 'no such proposal')); });
    // Only into a proposal still open in the session the merged one would be filed under.
    if (!['filed', 'assigned', 'handling'].includes(target.p.state)) throw invalid('/intoId', say('只能并入已立案、尚未答复的提案', 'the kept proposal must be filed and not yet replied to'));
    const session = await sessionFor(c, today(l.p.submittedAt ?? new Date()));
    if (target.p.sessionId !== session.id) throw invalid('/intoId', say('只能并入同一次会议的提案', 'the kept proposal must be of the same session'));
    // The merged proposal's proposers become co-proposers of the kept one.
    const incoming = [l.p.proposerMemberId, ...l.cosigners.map((x) => x.memberId)].filter((m): m is string => !!m && m !== target.p.proposerMemberId);
    if (incoming.length) {
      await c.tx.insert(proposalCosigners).values(incoming.map((memberId) => ({ orgId: l.p.orgId, proposalId: intoId, memberId, confirmedAt: new Date(), viaMergeOf: l.p.id }))).onConflictDoNothing();
    }
    set({ mergedIntoId: intoId });
    await notifyProposers(c, l, 'merged', { into: target.p.title }, `提案已并案：${l.p.title}`, `并入《${target.p.title}》`);
    return `并入 ${target.p.title}`;
  },
  async assign(c, l, b) {
    const list = b.units as { unitId: string; role: 'lead' | 'co' }[];
    await engine.assign(c, ref(l.p), list, (await settingsOf(c)).handling, b.dueDate as string | undefined);
    return list.length > 1 ? `主办 1 家、协办 ${list.length - 1} 家` : undefined;
  },
  async reassign(c, l, b) {
    await engine.assign(c, ref(l.p), b.units as { unitId: string; role: 'lead' | 'co' }[], (await settingsOf(c)).handling, b.dueDate as string | undefined, String(b.note));
    return engine.settledNote(String(b.note), l.facts.pendingExtension, 'reassign');
  },
  async sign(c, l) { await engine.sign(c, l.mine!); },
  async return(c, l, b) { await engine.returnItem(c, ref(l.p), l.mine!, String(b.reason)); return engine.settledNote(String(b.reason), l.facts.pendingExtension, 'return'); },
  async opinion(c, l, b) { await engine.sendOpinion(c, ref(l.p), l.mine!, String(b.content), l.lead); },
  async logContact(c, l, b) {
    await engine.logContact(c, ref(l.p), c.actor.unitId!, { kind: String(b.kind), happenedOn: String(b.date), content: String(b.content) }, (b.attachmentIds as string[] | undefined) ?? []);
    return `${b.kind} ${b.date}`;
  },
  async requestExtension(c, l, b) {
    await engine.requestExtension(c, ref(l.p), l.lead!, { dueDate: String(b.dueDate), reason: String(b.reason) }, (await settingsOf(c)).handling);
    return `申请延至 ${b.dueDate}：${b.reason}`;
  },
  async grantExtension(c, l, b) { await engine.decideExtension(c, ref(l.p), true, b.note as string | undefined); },
  async refuseExtension(c, l, b) { await engine.decideExtension(c, ref(l.p), false, b.note as string | undefined); return b.note as string | undefined; },
  async reply(c, l, b, set) {
    const round = Math.max(l.p.round, 1);
    await engine.reply(c, ref(l.p), c.actor.unitId!, round, { category: String(b.category), content: String(b.content), signer: b.signer as string | undefined, attachmentIds: b.attachmentIds as string[] | undefined });
    set({ round });
    await notifyProposers(c, l, 'replied', { category: String(b.category) }, `提案已答复（${b.category}类），请评价：${l.p.title}`);
    return engine.settledNote(`${b.category}类`, l.facts.pendingExtension, 'reply');
  },
  async evaluate(c, l, b, set) {
    await engine.evaluate(c, ref(l.p), b as never);
    if (b.satisfaction !== 'unsatisfied') { set({ closedAt: new Date() }); return String(b.satisfaction); }
    const count = l.p.unsatisfiedCount + 1;
    set({ unsatisfiedCount: count, round: l.p.round + 1, needsMeeting: count >= 2 });
    await engine.restartHandling(c, ref(l.p), l.lead!, (await settingsOf(c)).handling);
    if (count >= 2) {
      await notify(c.tx, l.p.orgId, await roleUsers(c.tx, l.p.orgId, 'staff'), { kind: 'meeting', title: `提案者再次不满意，请当面协商：${l.p.title}`, href: `/proposals/${l.p.id}`, params: { title: l.p.title } });
    }
    return 'unsatisfied';
  },
  async rate(c, l, b) {
    await c.tx.insert(proposalRatings).values({ orgId: l.p.orgId, proposalId: l.p.id, unitId: c.actor.unitId!, topic: Number(b.topic), research: Number(b.research), feasibility: Number(b.feasibility), comment: (b.comment as string) ?? null, createdBy: c.actor.id });
    return `${b.topic}/${b.research}/${b.feasibility}`;
  },
  async publish(_c, _l, _b, set) { set({ published: true, publishedAt: new Date(), publicationExemptReason: null }); },
  async exempt(_c, _l, b, set) { set({ publicationExemptReason: String(b.reason) }); return String(b.reason); },
  async markKey(c, l, b, set) {
    const leaderUserId = String(b.leaderUserId);
    const leaders = await roleUsers(c.tx, l.p.orgId, 'leader');
    if (!leaders.includes(leaderUserId)) throw invalid('/leaderUserId', say('不是本政协的领导', 'not a leader of this committee'));
    set({ isKey: true, keyLeaderUserId: leaderUserId });
    await notify(c.tx, l.p.orgId, [leaderUserId], { kind: 'key', title: `请领办重点提案：${l.p.title}`, href: `/proposals/${l.p.id}`, params: { title: l.p.title } });
  },
};

for (const a of proposalWorkflow.actionNames) if (!steps[a]) throw new Error(`no step for proposal action ${a}`);

/** `key` names the wording (filed, notFiled, …); the proposal's title is added to `params`. */
async function notifyProposers(c: CommandScope, l: Loaded, key: string, params: Record<string, string | number>, title: string, body?: string) {
  const ids = [l.p.proposerMemberId, ...l.cosigners.map((x) => x.memberId)].filter((m): m is string => !!m);
  // (their logins looked up in the notice's statement; a collective proposal's: whoever entered it)
  const logins = memberUsersOf(l.p.orgId, ids);
  const to = l.p.proposerMemberId ? logins : sql`${logins} union select ${l.p.createdBy}::uuid`;
  await notify(c.tx, l.p.orgId, to, { kind: 'proposal', title, body, href: `/proposals/${l.p.id}`, params: { key, title: l.p.title, ...params } });
}

/** Any workflow action inside an open command: lock → relations → transition table → step → write → history/audit → event. */
async function actIn(c: CommandScope, id: string, action: string, body: Body) {
  const extra: Partial<ProposalFacts> = action === 'evaluate' ? { satisfaction: String(body.satisfaction) } : {};
  const l = await loadProposal(c.tx, c.actor, c.actor.orgId, id, { lock: true, extra });
  settingsRead.set(c, Promise.resolve(l.settings)); // (read with the row: the steps need not read them again)
  const to = proposalWorkflow.resolve({ state: l.facts.state, actor: c.actor, relations: l.relations, ctx: l.facts }, action);
  const changes: Partial<typeof proposals.$inferInsert> = {};
  const note = await steps[action]!(c, l, body, (v) => Object.assign(changes, v));
  const [after] = await c.recordWith(c.tx.update(proposals).set({ ...changes, state: to, updatedAt: sql`now()` })
    .where(and(eq(proposals.orgId, l.p.orgId), eq(proposals.id, id))).returning(),
  { action, entity: 'proposal', entityId: id, before: { state: l.p.state }, after: { state: to, note: note ?? null } },
  { id, action, from: l.p.state, to, actorUserId: c.actor.id, note: note ?? null });
  return rowFromJson(proposals, after!);
}

export function act(ctx: Ctx, id: string, action: string, body: Body) {
  return runCommand(ctx, (c) => actIn(c, id, action, body));
}

/** The same action on many proposals at once (e.g. assigning a batch): all of them or none. */
export function actOnMany(ctx: Ctx, ids: string[], action: string, body: Body) {
  return runCommand(ctx, async (c) => {
    for (const id of ids) await actIn(c, id, action, body);
  });
}
