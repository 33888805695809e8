import { GROUP_KIND_LABELS, type GroupKind } from '../party/labels.ts';
import { PROJECT_KIND_LABELS, type ProjectKind } from '../creation/labels.ts';
import { CONSULTATION_KIND_LABELS } from './figures.ts';
import { quoted } from './draft.ts';

// A figure's source said for readers: which list of the system (the page it lives on) and with
// which filter — 双联 · 履职计数记录（走访界别群众，2026-01-01至2026-12-31）— and the web page that
// shows that list (`sourcePage`, with the filters that page reads from its address). The API path
// stays in `source` for clients; the Word appendix and the web print these words instead.

/** Names the words quote that the source only gives as ids. */
export interface SourceNames {
  campaigns?: Map<string, string>;
  consultations?: Map<string, string>;
  /** A proposal session's id → 第N次会议. */
  sessions?: Map<string, number>;
}

const COUNTER_WORDS: Record<string, string> = {
  policyTalks: '宣讲党的政策', membersVisited: '走访政协委员', massesVisited: '走访界别群众', opinionsCollected: '征求意见建议', problemsSolved: '协调解决实际问题',
};
const OUTCOME_WORDS: Record<string, string> = { party: '被吸纳为党委决策', government: '被吸纳为政府文件', department: '被吸纳为部门工作措施', any: '已有成果' };
const PROPOSAL_STATE_SETS: [string, string][] = [
  ['submitted,filed,not_filed,converted,merged,assigned,handling,replied,rehandling,closed', '已提交的全部提案'],
  ['filed,assigned,handling,replied,rehandling,closed', '已立案的提案'],
  ['replied,rehandling,closed', '已答复的提案'],
];

/** 2026-01-01 … 2026-12-31 → 2026年全年; otherwise the two days. */
const period = (from: string | null, to: string | null) => {
  if (from && to && from.endsWith('-01-01') && to.endsWith('-12-31') && from.slice(0, 4) === to.slice(0, 4)) return `${from.slice(0, 4)}年全年`;
  if (from || to) return `${from ?? ''}至${to ?? ''}`;
  return '';
};
const filters = (xs: (string | false | null | undefined)[]) => {
  const parts = xs.filter((x): x is string => !!x);
  return parts.length ? `（${parts.join('，')}）` : '';
};
const yearOf = (q: URLSearchParams) => (q.get('year') ? `${q.get('year')}年` : '');
/** A web page with the filters it reads from its address. */
const page = (path: string, q: URLSearchParams, keep: string[] = []) => {
  const to = new URLSearchParams();
  for (const k of keep) for (const v of q.getAll(k)) to.append(k, v);
  const s = to.toString();
  return s ? `${path}?${s}` : path;
};

/**
 * A source URL said in words, and the web page of its list. An address this does not know keeps
 * words that say so plainly (系统列表), never the path itself.
 */
export function describeSource(source: string, names: SourceNames = {}): { sourceLabel: string; sourcePage: string | null } {
  if (!source) return { sourceLabel: '', sourcePage: null };
  const [rawPath = '', query = ''] = source.split('?');
  const path = rawPath.replace(/^\/api\/v1/, '');
  const q = new URLSearchParams(query);
  let m: RegExpExecArray | null;

  if (path === '/party/people') {
    const scope = q.get('scope');
    const who = scope === 'office' ? '机关党员名单（机关党委及其党支部、党小组的成员）' : scope === 'liaisons' ? '联系党外委员的党员委员名单' : '被党员委员联系的党外委员名单';
    return { sourceLabel: `党的组织 · ${who}${filters([yearOf(q)])}`, sourcePage: '/party' };
  }
  if (path === '/party/groups') {
    const kind = q.get('kind') as GroupKind | null;
    return { sourceLabel: `党的组织 · 组织列表${filters([kind ? `类型：${GROUP_KIND_LABELS[kind] ?? kind}` : ''])}`, sourcePage: '/party' };
  }
  if (path === '/party/activities') return { sourceLabel: `党的组织 · 党组织活动${filters([period(q.get('from'), q.get('to'))])}`, sourcePage: '/party' };
  if (path === '/liaison/counters/records') {
    const counter = q.get('counter') ?? '';
    return { sourceLabel: `双联 · 履职计数的记录${filters([COUNTER_WORDS[counter] ?? counter, period(q.get('from'), q.get('to'))])}`, sourcePage: '/liaison/stats' };
  }
  if (path === '/liaison/meetings') return { sourceLabel: `双联 · 双联见面会${filters([yearOf(q)])}`, sourcePage: page('/liaison/meetings', q, ['year']) };
  if ((m = /^\/campaigns\/([^/]+)\/ideas$/.exec(path))) {
    const title = names.campaigns?.get(m[1]!);
    return { sourceLabel: `献一计 · ${title ? `${quoted(title)}活动的` : ''}委员献计${filters([q.get('adopted') === 'true' && '已采纳'])}`, sourcePage: '/campaigns' };
  }
  if ((m = /^\/creation\/(participants|projects|honours|pairings|activities)$/.exec(path))) {
    const kind = q.get('kind') as ProjectKind | null;
    const what = {
      participants: q.get('honoured') === 'true' ? '受表彰的委员' : '投身双创的委员', projects: '委员双创项目', honours: '委员获得的表彰',
      pairings: '“三个一”结对帮扶', activities: '“五送”活动',
    }[m[1] as 'participants'];
    const web = m[1] === 'activities' ? '/creation/activities' : m[1] === 'honours' ? '/creation/honours' : m[1] === 'projects' ? page('/creation', q, ['year', 'kind', 'started']) : '/creation';
    return { sourceLabel: `双创 · ${what}${filters([q.get('scope') === 'own' && '仅本会委员', yearOf(q), q.get('started') === 'true' && '已启动', kind && `类型：${PROJECT_KIND_LABELS[kind] ?? kind}`])}`, sourcePage: web };
  }
  if ((m = /^\/consultations\/([^/]+)\/comments$/.exec(path)) && m[1] !== 'rooms') {
    const title = names.consultations?.get(m[1]!);
    return { sourceLabel: `双协 · ${title ? `${quoted(title)}的` : ''}网民留言（已公开的）`, sourcePage: `/consultations/${m[1]}` };
  }
  if (path === '/consultations/rooms') return { sourceLabel: `双协 · 协商在一线委员议事室${filters([q.get('active') === 'true' && '在用的'])}`, sourcePage: '/consultations/rooms' };
  if (path === '/consultations') {
    const kind = q.get('kind');
    const held = q.getAll('state').length ? '已协商（进入交办及以后阶段）' : '';
    return { sourceLabel: `双协 · 协商活动${filters([yearOf(q), kind && `类型：${(CONSULTATION_KIND_LABELS as Record<string, string>)[kind] ?? kind}`, held])}`, sourcePage: page('/consultations', q, ['year', 'kind']) };
  }
  if (path === '/recommendations') {
    const outcome = q.get('outcome'), measure = q.get('measure');
    return { sourceLabel: `双协 · 协商建议${filters([yearOf(q), outcome && `成果：${OUTCOME_WORDS[outcome] ?? outcome}`, measure && `成效：${measure}`])}`, sourcePage: page('/consultations', q, ['year']) };
  }
  if (path === '/proposals') {
    const session = q.get('sessionId');
    const n = session ? names.sessions?.get(session) : undefined;
    const states = q.getAll('state').join(',');
    const stateWords = states ? PROPOSAL_STATE_SETS.find(([s]) => s === states)?.[1] ?? '按状态筛选的提案' : '';
    return {
      sourceLabel: `提案 · 提案列表${filters([session ? (n ? `第${n}次会议` : '本年度全体会议') : '', stateWords, q.get('satisfaction') === 'satisfied' && '提案人表示满意', q.get('isKey') === 'true' && '党政领导领办的重点提案'])}`,
      sourcePage: page('/proposals', q, ['state', 'sessionId']),
    };
  }
  if (path === '/selections') return { sourceLabel: `提案 · 优秀提案评选${filters([yearOf(q), q.get('announced') === 'true' && '已公布结果'])}`, sourcePage: '/selections' };
  return { sourceLabel: '系统列表', sourcePage: null };
}
