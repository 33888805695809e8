import type { Column } from '../../core/xlsx.ts';
import type { listConsultations, listPublicConsultations } from './queries.ts';
import type { listTopics } from './topic-queries.ts';
import type { planView } from './plan.ts';
import type { listRecommendations } from './recommendation-queries.ts';
import type { listRooms } from './rooms.ts';
import { chinaTime } from '../../core/china-time.ts';
import type { listComments } from './comments.ts';
import type { listVisits } from './visits.ts';
import type { outcomeMeasures, recommendationBoard } from './recommendation-queries.ts';
import { daysBetween, today } from '../handling/deadlines.ts';
import { REC_STATE_WORDS, type RecState } from './recommendation-workflow.ts';
import { STEP_WORDS, type ConsultationState } from './workflow.ts';

// The columns of the 双协 lists' exports (core/list-export.ts): each list's rows as its page shows
// them to the caller, with the office's names for kinds and steps.

export const KIND_NAMES: Record<string, string> = {
  plenary: '全体会议', standing: '专题议政性常委会议', bimonthly: '双月专题协商座谈会', supervision: '民主监督',
  sector: '界别协商', online: '网络议政', frontline: '协商在一线', other: '其他协商',
};
const stepName = (state: string) => STEP_WORDS[state as ConsultationState].zh;
const recStateName = (state: string) => REC_STATE_WORDS[state as RecState].zh;
const TOPIC_STATE_NAMES: Record<string, string> = { proposed: '已提出', shortlisted: '候选', picked: '已确定', declined: '未采用', merged: '已合并' };
const OUTCOME_NAMES: Record<string, string> = { party: '党委决策', government: '政府文件', department: '部门工作措施' };
const PROPOSER_KINDS: Record<string, string> = { member: '委员', unit: '单位', public: '网民', staff: '机关' };

const yes = (b: boolean | null | undefined) => (b ? '是' : '');
const day = (iso: string | null | undefined) => iso?.slice(0, 10) ?? '';

type Insider = Awaited<ReturnType<typeof listConsultations>>['items'][number];
type Outsider = Awaited<ReturnType<typeof listPublicConsultations>>['items'][number];

/** The consultations as the committee's people list them (checklist items late), or as the public list does. */
export function consultationColumns(insider: boolean): Column<Insider | Outsider>[] {
  return [
    { header: '年度', value: (c) => c.year, width: 8 }, { header: '题目', value: (c) => c.title, width: 40 },
    { header: '形式', value: (c) => KIND_NAMES[c.kind], width: 20 }, { header: '所处步骤', value: (c) => stepName(c.state), width: 12 },
    { header: '召开日期', value: (c) => c.heldOn, width: 12 }, { header: '网络议政', value: (c) => (c.comments.open ? '开放中' : ''), width: 10 },
    ...(insider ? [
      { header: '逾期清单项', value: (c: Insider | Outsider) => ('lateTasks' in c ? c.lateTasks || '' : ''), width: 10 },
      { header: '更新时间', value: (c: Insider | Outsider) => ('updatedAt' in c ? chinaTime(c.updatedAt) : ''), width: 18 },
    ] : []),
    { header: '简介', value: (c) => c.summary, width: 50 },
  ];
}

type TopicItem = Awaited<ReturnType<typeof listTopics>>['items'][number];
/** Topics: the proposer's name and the answer only where the list shows them to the caller. */
export const topicColumns: Column<TopicItem>[] = [
  { header: '年度', value: (t) => t.year, width: 8 }, { header: '题目', value: (t) => t.title, width: 40 },
  { header: '状态', value: (t) => TOPIC_STATE_NAMES[t.state], width: 10 }, { header: '支持数', value: (t) => t.supportCount, width: 8 },
  { header: '提出者', value: (t) => PROPOSER_KINDS[t.proposer.kind] ?? t.proposer.kind, width: 8 }, { header: '提出者姓名', value: (t) => t.proposer.name, width: 16 },
  { header: '建议形式', value: (t) => (t.suggestedKind ? KIND_NAMES[t.suggestedKind] : ''), width: 20 }, { header: '建议承办', value: (t) => t.suggestedOwner, width: 16 },
  { header: '理由', value: (t) => t.reason, width: 50 }, { header: '答复', value: (t) => t.answer, width: 40 },
  { header: '提出日期', value: (t) => day(t.createdAt), width: 12 },
];

type PlanItem = Awaited<ReturnType<typeof planView>>['items'][number];
export const planColumns: Column<PlanItem>[] = [
  { header: '月份', value: (i) => `${i.month}月`, width: 8 }, { header: '形式', value: (i) => KIND_NAMES[i.kind], width: 20 },
  { header: '议题', value: (i) => i.topic, width: 40 }, { header: '牵头', value: (i) => i.owner, width: 20 },
  { header: '开展情况', value: (i) => (i.consultationState ? stepName(i.consultationState) : '未开展'), width: 12 },
];

type Rec = Awaited<ReturnType<typeof listRecommendations>>['items'][number];
export const recommendationColumns: Column<Rec>[] = [
  { header: '协商活动', value: (r) => r.consultationTitle, width: 30 }, { header: '序号', value: (r) => r.number, width: 6 },
  { header: '建议', value: (r) => r.title, width: 40 }, { header: '状态', value: (r) => recStateName(r.state), width: 10 },
  { header: '主办单位', value: (r) => r.lead?.unitName, width: 20 }, { header: '答复期限', value: (r) => r.lead?.dueOn, width: 12 },
  { header: '成果', value: (r) => (r.outcome ? OUTCOME_NAMES[r.outcome.kind] : ''), width: 14 }, { header: '成果文件', value: (r) => r.outcome?.title, width: 30 },
  { header: '成效', value: (r) => (r.outcome?.measure ? `${r.outcome.measure} ${r.outcome.quantity ?? ''}`.trim() : ''), width: 20 },
  { header: '进度', value: (r) => (r.progress == null ? '' : `${r.progress}%`), width: 8 },
  { header: '更新时间', value: (r) => chinaTime(r.updatedAt), width: 18 },
];

type Room = Awaited<ReturnType<typeof listRooms>>[number];
export const roomColumns: Column<Room>[] = [
  { header: '名称', value: (r) => r.name, width: 30 }, { header: '承建方', value: (r) => (r.host.kind === 'county' ? '县（市、区）政协' : '市直部门'), width: 16 },
  { header: '承建', value: (r) => r.host.name, width: 24 }, { header: '地点', value: (r) => r.place, width: 30 },
  { header: '委员', value: (r) => r.members, width: 8 }, { header: '议事活动', value: (r) => r.sessions, width: 10 }, { header: '已开展', value: (r) => r.held, width: 8 },
  { header: '我所在', value: (r) => yes(r.mine), width: 8 }, { header: '在用', value: (r) => (r.active ? '是' : '已停用'), width: 8 },
];

const time = (iso: string | null | undefined) => (iso ? chinaTime(iso) : '');

type BoardUnit = Awaited<ReturnType<typeof recommendationBoard>>[number];
type BoardRow = BoardUnit['items'][number] & { unitName: string };
/** The recommendations' 督办看板 as one row per lead assignment, as the proposals' board is. */
export const boardRows = (board: BoardUnit[]): BoardRow[] => board.flatMap((g) => g.items.map((i) => ({ ...i, unitName: g.unitName })));
export const recommendationBoardColumns: Column<BoardRow>[] = [
  { header: '承办单位', value: (r) => r.unitName, width: 20 }, { header: '协商活动', value: (r) => r.consultationTitle, width: 30 },
  { header: '建议', value: (r) => r.title, width: 40 }, { header: '状态', value: (r) => recStateName(r.state), width: 10 },
  { header: '答复期限', value: (r) => r.dueOn, width: 12 }, { header: '逾期天数', value: (r) => (r.overdue ? daysBetween(r.dueOn, today()) : ''), width: 8 },
  { header: '已签收', value: (r) => (r.signed ? '是' : '否'), width: 8 },
];

type Measure = Awaited<ReturnType<typeof outcomeMeasures>>[number];
export const measureColumns: Column<Measure>[] = [
  { header: '成效', value: (m) => m.measure, width: 40 }, { header: '数量', value: (m) => m.quantity, width: 10 }, { header: '建议数', value: (m) => m.recommendations, width: 10 },
];

type Visit = Awaited<ReturnType<typeof listVisits>>[number];
export const visitColumns: Column<Visit>[] = [
  { header: '视察日期', value: (v) => v.visitedOn, width: 12 }, { header: '地点', value: (v) => v.place, width: 30 },
  { header: '委员', value: (v) => v.members.map((m) => m.name).filter(Boolean).join('、'), width: 24 }, { header: '其他参加人员', value: (v) => v.participants, width: 24 },
  { header: '发现的问题', value: (v) => v.findings, width: 60 },
];

type CommentRow = Awaited<ReturnType<typeof listComments>>['items'][number];
const HELD_FOR: Record<string, string> = { pre: '先审后发', sensitive: '含敏感词' };
/** What the list adds for the moderators (none of it on a visible comment). */
const moderated = (c: CommentRow) => c as { heldFor?: string | null; hiddenReason?: string | null; moderatedAt?: string | null };
/** Comments as listed; the held and hidden ones (staff) with why and when they were moderated. */
export const commentColumns = (status: string): Column<CommentRow>[] => [
  { header: '序号', value: (c) => c.seq, width: 6 }, { header: '发言人', value: (c) => c.authorName, width: 16 },
  { header: '内容', value: (c) => c.content, width: 60 }, { header: '支持', value: (c) => c.supports, width: 6 }, { header: '反对', value: (c) => c.opposes, width: 6 },
  { header: '发表时间', value: (c) => time(c.createdAt), width: 18 },
  ...(status === 'visible' ? [] : [
    { header: '待审原因', value: (c: CommentRow) => { const h = moderated(c).heldFor; return h ? HELD_FOR[h] ?? h : ''; }, width: 10 },
    { header: '隐藏理由', value: (c: CommentRow) => moderated(c).hiddenReason, width: 24 },
    { header: '处理时间', value: (c: CommentRow) => time(moderated(c).moderatedAt), width: 18 },
  ]),
];
