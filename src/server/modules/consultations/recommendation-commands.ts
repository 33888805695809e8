import { and, eq, max, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { conflict, forbidden, invalid, say } from '../../core/errors.ts';
import { storeUpload, type Upload } from '../handling/attachments.ts';
import * as engine from '../handling/engine.ts';
import { today } from '../handling/deadlines.ts';
import { proposalSettings } from '../proposals/settings.ts';
import { loadConsultation } from './access.ts';
import { loadRecommendation, type LoadedRec } from './recommendation-access.ts';
import { recommendationWorkflow, type RecFacts } from './recommendation-workflow.ts';
import { consultationRecommendations, consultations } from './schema.ts';

// 集中式交办 and 提案式办理: staff write the consultation's recommendations and assign them; units
// handle and reply to them through the handling engine exactly as to proposals; 跟踪式问效: staff
// evaluate the reply and record each recommendation's outcome (or why it has none).

/** Staff write a recommendation while the consultation is at central assignment (numbered in order). */
export function addRecommendation(ctx: Ctx, consultationId: string, input: { title: string; content: string }) {
  return runCommand(ctx, async (c) => {
    const l = await loadConsultation(c.tx, c.actor, consultationId, { lock: true });
    c.authorize('consultation.manage');
    if (l.c.state !== 'assigning') throw conflict(say('只能在集中交办阶段整理建议', 'Recommendations are written at central assignment'));
    const [{ n }] = (await c.tx.select({ n: max(consultationRecommendations.number) }).from(consultationRecommendations)
      .where(and(eq(consultationRecommendations.orgId, l.c.orgId), eq(consultationRecommendations.consultationId, l.c.id)))) as [{ n: number | null }];
    const [r] = await c.tx.insert(consultationRecommendations).values({ orgId: l.c.orgId, consultationId: l.c.id, number: (n ?? 0) + 1, ...input, createdBy: c.actor.id }).returning();
    await c.record({ action: 'created', entity: 'recommendation', entityId: r!.id, after: { state: r!.state, title: r!.title, consultationId: l.c.id } });
    await c.record({ action: 'recommendation', entity: 'consultation', entityId: l.c.id, before: { state: l.c.state }, after: { state: l.c.state, note: `建议${r!.number}：${r!.title}` } });
    return r!;
  });
}

type Body = Record<string, unknown>;
type Step = (c: CommandScope, l: LoadedRec, body: Body, set: (v: Partial<typeof consultationRecommendations.$inferInsert>) => void) => Promise<string | void>;
const handling = async (c: CommandScope) => (await proposalSettings(c.tx, c.actor.orgId)).handling;
type Units = { unitId: string; role: 'lead' | 'co' }[];

/** What each action does beyond the state change: the engine's part, as for a proposal. */
const steps: Record<string, Step> = {
  async assign(c, l, b) {
    const list = b.units as Units;
    await engine.assign(c, l.item, list, await handling(c), b.dueDate as string | undefined);
    return list.length > 1 ? `主办 1 家、协办 ${list.length - 1} 家` : undefined;
  },
  async reassign(c, l, b) {
    await engine.assign(c, l.item, b.units as Units, await handling(c), b.dueDate as string | undefined, String(b.note));
    return engine.settledNote(String(b.note), l.facts.pendingExtension, 'reassign');
  },
  async sign(c, l) { await engine.sign(c, l.mine!); },
  async return(c, l, b) { await engine.returnItem(c, l.item, l.mine!, String(b.reason)); return engine.settledNote(String(b.reason), l.facts.pendingExtension, 'return'); },
  async opinion(c, l, b) { await engine.sendOpinion(c, l.item, l.mine!, String(b.content), l.lead); },
  async logContact(c, l, b) {
    await engine.logContact(c, l.item, c.actor.unitId!, { kind: String(b.kind), happenedOn: String(b.date), content: String(b.content) }, (b.attachmentIds as string[] | undefined) ?? []);
    return `${b.kind} ${b.date}`;
  },
  async requestExtension(c, l, b) {
    await engine.requestExtension(c, l.item, l.lead!, { dueDate: String(b.dueDate), reason: String(b.reason) }, await handling(c));
    return `申请延至 ${b.dueDate}：${b.reason}`;
  },
  async grantExtension(c, l, b) { await engine.decideExtension(c, l.item, true, b.note as string | undefined); },
  async refuseExtension(c, l, b) { await engine.decideExtension(c, l.item, false, b.note as string | undefined); return b.note as string | undefined; },
  async reply(c, l, b, set) {
    const round = Math.max(l.r.round, 1);
    await engine.reply(c, l.item, c.actor.unitId!, round, { category: String(b.category), content: String(b.content), signer: b.signer as string | undefined, attachmentIds: b.attachmentIds as string[] | undefined });
    set({ round });
    return engine.settledNote(`${b.category}类`, l.facts.pendingExtension, 'reply');
  },
  async evaluate(c, l, b, set) {
    await engine.evaluate(c, l.item, b as never);
    if (b.satisfaction !== 'unsatisfied') return String(b.satisfaction);
    set({ round: l.r.round + 1 });
    await engine.restartHandling(c, l.item, l.lead!, await handling(c));
    return 'unsatisfied';
  },
  async recordOutcome(_c, l, b, set) {
    const date = b.date as string | undefined;
    if (date && date > today()) throw invalid('/date', say('不能是将来的日期', 'must not be in the future'));
    const kind = (b.kind as string | undefined) ?? l.r.outcomeKind;
    if (!kind) throw invalid('/kind', say('请选择吸纳转化的层面（党委、政府或部门）', 'name where it was adopted (party, government or department)'));
    set({
      outcomeKind: kind, outcomeTitle: (b.title as string | undefined) ?? l.r.outcomeTitle, outcomeNumber: (b.number as string | undefined) ?? l.r.outcomeNumber,
      outcomeDate: date ?? l.r.outcomeDate, progress: (b.progress as number | undefined) ?? l.r.progress, progressNote: (b.note as string | undefined) ?? l.r.progressNote,
      noOutcomeReason: null,
    });
    const measure = (b.measure as string | undefined) ?? l.r.outcomeMeasure, quantity = (b.quantity as number | undefined) ?? l.r.outcomeQuantity;
    if ((measure === null) !== (quantity === null)) {
      throw invalid(measure === null ? '/measure' : '/quantity', say('成效的事项和数量须一起填写', 'give the measure and its quantity together'));
    }
    set({ outcomeMeasure: measure, outcomeQuantity: quantity });
    return [b.title ? `《${b.title}》${b.number ?? ''}` : '', b.progress !== undefined ? `进度 ${b.progress}%` : '', b.measure !== undefined || b.quantity !== undefined ? `${measure} ${quantity}` : '',
      (b.note as string | undefined) ?? ''].filter(Boolean).join('；');
  },
  async noOutcome(_c, _l, b, set) { set({ noOutcomeReason: String(b.reason) }); return String(b.reason); },
};

for (const a of recommendationWorkflow.actionNames) if (!steps[a]) throw new Error(`no step for recommendation action ${a}`);

/** Any workflow action: lock → relations → transition table → step (engine) → write → history/audit → event. */
export function actOnRecommendation(ctx: Ctx, id: string, action: string, body: Body) {
  return runCommand(ctx, async (c) => {
    const extra: Partial<RecFacts> = action === 'evaluate' ? { satisfaction: String(body.satisfaction) } : {};
    const l = await loadRecommendation(c.tx, c.actor, id, { lock: true, extra });
    const to = recommendationWorkflow.resolve({ state: l.facts.state, actor: c.actor, relations: l.relations, ctx: l.facts }, action);
    const changes: Partial<typeof consultationRecommendations.$inferInsert> = {};
    const note = (await steps[action]!(c, l, body, (v) => Object.assign(changes, v))) || null;
    const [after] = await c.tx.update(consultationRecommendations).set({ ...changes, state: to, updatedAt: sql`now()` })
      .where(and(eq(consultationRecommendations.orgId, l.r.orgId), eq(consultationRecommendations.id, id))).returning();
    await c.tx.update(consultations).set({ updatedAt: sql`now()` }).where(and(eq(consultations.orgId, l.r.orgId), eq(consultations.id, l.r.consultationId)));
    await c.record({ action, entity: 'recommendation', entityId: id, before: { state: l.r.state }, after: { state: to, note } },
      { id, action, from: l.r.state, to, actorUserId: c.actor.id, note });
    return after!;
  });
}

/** A handling unit uploads a file for its reply or contact log, as on a proposal. */
export function uploadRecommendationAttachment(ctx: Ctx, id: string, file: Upload) {
  return runCommand(ctx, async (c) => {
    const l = await loadRecommendation(c.tx, c.actor, id, { lock: true });
    if (!l.relations.some((r) => r === 'leadUnit' || r === 'coUnit')) throw forbidden(say('只有办理单位可以上传附件', 'Only the handling units attach files'));
    const row = await storeUpload(c, l.item, file);
    await c.record({ action: 'uploaded', entity: 'attachment', entityId: row.id, after: { recommendationId: id, filename: row.filename, size: row.size } });
    return row;
  });
}
