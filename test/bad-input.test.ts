import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations, converted, engines, proposalIn, snapshotter, testApp, type ApiOperation, type TestApp } from './helpers.ts';
import type { Fixture } from './fixture.ts';
import { rosterFile } from './roster.ts';
import { selectionIn } from './selection-helpers.ts';
import { notifications } from '../src/server/core/jobs-schema.ts';
import { attachments } from '../src/server/modules/handling/schema.ts';
import { consultationComments } from '../src/server/modules/consultations/schema.ts';

// Bad input, sent as the admin (so authorization passes), to every operation of the OpenAPI
// document: each must be refused with a 4xx problem+json naming the field, must change nothing
// (every table's rows and content compared before and after), and must never give a 5xx.
// Bad values are generated from the JSON schemas in the document, so new routes are covered as
// soon as they exist; a new route with a JSON body only needs a valid example in EXAMPLES.

type Schema = {
  type?: string | string[]; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[]; nullable?: boolean; format?: string;
  minLength?: number; maxLength?: number; pattern?: string; minimum?: number; maximum?: number;
  items?: Schema; minItems?: number; maxItems?: number; uniqueItems?: boolean;
  properties?: Record<string, Schema>; required?: string[]; minProperties?: number;
};

/** Routes with a body that is not JSON; they get their own cases below. */
/** The sweeps try every operation: they grow with every route, so they get more than one request's test time. */
const SWEEP_TIMEOUT = 240_000;
const EXEMPT_BODY: Record<string, string> = {
  'POST /api/v1/members/import': 'multipart .xlsx upload',
  'POST /api/v1/liaison/reports/file': 'multipart .doc/.docx/.pdf upload',
  'POST /api/v1/documents': 'multipart document upload (test/library.test.ts, test/library-hostile.test.ts)',
};

/** A valid JSON body for every operation that takes one (checked against its schema). */
const examples = (fx: Fixture): Record<string, Record<string, unknown>> => ({
  'POST /api/v1/auth/login': { username: 'nobody', password: 'not-the-password' },
  'POST /api/v1/auth/register': { username: 'netizen', password: 'netizen-pass-1', displayName: '网友', org: fx.orgId },
  'POST /api/v1/auth/tokens': { name: 'integration' },
  'POST /api/v1/auth/memberships': { username: 'nobody', password: 'not-the-password', org: fx.countyId },
  'POST /api/v1/auth/switch': { orgId: fx.orgId },
  // (the admin's own password: a refused field never changes it)
  'POST /api/v1/auth/password': { currentPassword: fx.password, newPassword: 'another-pass-1' },
  'POST /api/v1/sectors': { name: '新界别', sort: 3 },
  'PATCH /api/v1/sectors/:id': { name: '新名字' },
  'POST /api/v1/committees': { name: '新专委会' },
  'PATCH /api/v1/committees/:id': { name: '新名字' },
  'POST /api/v1/units': { name: '新单位', kind: 'court' },
  'PATCH /api/v1/units/:id': { name: '新名字' },
  'POST /api/v1/members': { name: '孙七', sectorId: fx.sectorIds[0], party: '民建', standing: false },
  'PATCH /api/v1/members/:id': { workplace: '新单位' },
  'POST /api/v1/users': { username: 'newuser', password: 'long-enough-1', roles: ['staff'] },
  'PATCH /api/v1/users/:id': { displayName: '新名字' },
  'POST /api/v1/terms': { number: 9, startYear: 2023, endYear: 2028 },
  'PATCH /api/v1/terms/:id': { endYear: 2029 },
  'POST /api/v1/terms/:id/sessions': { number: 1, startsOn: '2024-01-10' },
  'POST /api/v1/orgs': { name: '新县政协', level: 'county', code: '320199', region: '新区' },
  'PATCH /api/v1/orgs/:id': { name: '新名字', code: '320198', active: true },
  'POST /api/v1/orgs/:id/admin': { username: 'countyadmin', displayName: '县管理员', password: 'county-pass-1' },
  'POST /api/v1/proposals': { title: '关于完善社区养老服务的提案', body: '建议……', kind: 'member', domain: '社会', cosignerIds: [] },
  'POST /api/v1/proposals/similar': { title: '关于完善社区养老服务的提案', text: '建议增加社区养老服务设施', limit: 5 },
  'POST /api/v1/proposals/similar/unseen': { title: '关于完善社区养老服务的提案', text: '建议增加社区养老服务设施' },
  'PATCH /api/v1/proposals/:id': { title: '新标题' },
  'POST /api/v1/proposals/bulk/assign': { ids: [crypto.randomUUID()], units: [{ unitId: fx.unitIds.a, role: 'lead' }] },
  'PATCH /api/v1/proposals/settings': { bodyLimit: 3000, notFiledGrounds: ['其他'], handling: { returnWindowDays: 7 } },
  'POST /api/v1/proposals/:id/supervision': { kind: 'visit', date: '2026-01-05', participants: '领办领导', outcome: '推进落实' },
  ...Object.fromEntries(Object.entries(actionExamples(fx)).map(([a, body]) => [`POST /api/v1/proposals/:id/actions/${a}`, body])),
  'POST /api/v1/opinions': { title: '关于加装电梯的建议', body: '反映……', authorMemberId: fx.memberIds[1] },
  'PATCH /api/v1/opinions/:id': { title: '新标题' },
  'PATCH /api/v1/opinions/settings': { bodyLimit: 1500, quota: { standing: 3, member: 1 } },
  ...Object.fromEntries(Object.entries(opinionActionExamples).map(([a, body]) => [`POST /api/v1/opinions/:id/actions/${a}`, body])),
  'POST /api/v1/selections': { year: 2026, name: '2026年度优秀提案评选', levels: [{ key: 'committee', name: '提案委员会初评', actor: 'staff', quota: 10 }] },
  'PATCH /api/v1/selections/:id': { name: '优秀提案评选（修订）', levels: [{ key: 'proposer', name: '提案人自荐', actor: 'proposer', quota: null }, { key: 'final', name: '终评', actor: 'staff', quota: 5 }] },
  'POST /api/v1/selections/:id/nominations': { proposalId: crypto.randomUUID(), reason: '办理成效显著' },
  'POST /api/v1/selections/:id/entries/:entryId/reviews': { score: 90, comment: '选题精准' },
  'POST /api/v1/selections/:id/levels/:levelId/close': { passIds: [crypto.randomUUID()] },
  'POST /api/v1/selections/:id/announce': { unitIds: [fx.unitIds.a] },
  'POST /api/v1/liaison/links/generate': { year: 2025 },
  'POST /api/v1/liaison/links': { year: 2025, kind: 'masses', fromMemberId: fx.memberIds[1], sectorId: fx.sectorIds[1], reason: '补充' },
  'PATCH /api/v1/liaison/links/:id': { fromMemberId: fx.memberIds[3], reason: '改派' },
  'POST /api/v1/liaison/links/:id/contacts': { date: '2025-06-01', channel: 'faceToFace', participants: '张三', topics: '走访', policyTalk: true, massesReached: 0, opinions: ['意见'], problemsSolved: ['问题'] },
  'PATCH /api/v1/liaison/contacts/:id': { date: '2025-06-02', channel: 'phone', participants: '张三', topics: '走访', policyTalk: false, massesReached: 0, problemsSolved: ['问题'] },
  'POST /api/v1/liaison/opinions/:id/convert': { to: 'opinion', title: '关于社区养老的建议' },
  'PUT /api/v1/liaison/reports': { year: 2025, body: '年度双联报告', memberId: fx.memberIds[0] },
  'POST /api/v1/creation/projects': { kind: 'enterprise', name: '新企业', memberIds: [fx.memberIds[1]], countyOrgId: fx.countyId, level: 'city', investment: 100000, jobs: 5, poorHouseholds: 1, state: 'running', startedOn: '2025-05-01', description: '说明' },
  'PATCH /api/v1/creation/projects/:id': { jobs: 6 },
  'POST /api/v1/creation/pairings': { memberId: fx.memberIds[1], householdName: '陈大明', householdPlace: '青山村', practicalThing: '危房改造', suggestion: '林下养殖', pairedOn: '2025-04-02', countyOrgId: fx.countyId },
  'PATCH /api/v1/creation/pairings/:id': { suggestion: '发展电商' },
  'POST /api/v1/creation/activities': { kind: 'technology', date: '2025-06-10', place: '青山村', countyOrgId: fx.countyId, beneficiaries: 40, memberIds: [fx.memberIds[1]], summary: '培训' },
  'PATCH /api/v1/creation/activities/:id': { beneficiaries: 50 },
  'POST /api/v1/creation/honours': { memberId: fx.memberIds[1], level: 'city', awardedBy: '市委市政府', title: '先进个人', date: '2025-10-01' },
  'PATCH /api/v1/creation/honours/:id': { level: 'county' },
  'POST /api/v1/creation/exchanges': { date: '2025-11-20', place: '会议室', topic: '交流会', attendees: 30, countyOrgId: fx.countyId },
  'PATCH /api/v1/creation/exchanges/:id': { attendees: 40 },
  'POST /api/v1/liaison/meetings': { date: '2025-01-11', place: '会议中心', sessionId: crypto.randomUUID(), attendeeIds: [fx.memberIds[0]], topics: ['交流'], opinions: [{ memberId: fx.memberIds[0], content: '建议' }] },
  'POST /api/v1/party/groups': { kind: 'branch', name: '新支部', parentId: crypto.randomUUID() },
  'PATCH /api/v1/party/groups/:id': { name: '新名字' },
  'POST /api/v1/party/groups/:id/members': { memberId: fx.memberIds[1], role: '委员' },
  'POST /api/v1/party/groups/:id/activities': { kind: 'lecture', date: '2025-05-01', topic: '党课', attendeeIds: [] },
  'POST /api/v1/campaigns': { title: '我为发展献一计', theme: '建言', opensOn: '2026-01-01', closesOn: '2026-02-01' },
  'POST /api/v1/campaigns/:id/ideas': { title: '一计', content: '建议内容' },
  'POST /api/v1/campaigns/ideas/:id/adopt': { adoptedBy: '市委' },
  'PUT /api/v1/records/rules': { points: { proposalFiled: 15, 'opinionAdopted.national': 20 }, grades: { excellent: 90, good: 80, pass: 60 }, proposalBy: '06-30', passCheckFrom: '11-01' },
  'POST /api/v1/records/recompute': { year: 2025 },
  'PUT /api/v1/reports/profile': { cityName: '测试市', partyCommittee: '中共测试市委', chair: '王明', counties: ['东城区'] },
  'POST /api/v1/reports/sishuang/versions': { year: 2025, basedOn: 1, note: '润色', paragraphs: [{ id: 'opening.0', template: '改写的开头，提交提案{{proposals.submitted}}。' }] },
  'POST /api/v1/reports/sishuang/versions/:number/restore': { year: 2025, note: '恢复' },
  'POST /api/v1/documents/categories': { name: '履职资料', sort: 1 },
  'PATCH /api/v1/documents/categories/:id': { name: '学习资料', parentId: null, sort: 2 },
  'PATCH /api/v1/documents/:id': { title: '新标题', access: 'members', categoryId: null },
  'POST /api/v1/documents/reports/:id/resolve': { action: 'dismiss' },
  'POST /api/v1/documents/:id/reports': { reason: '内容不实' },
  'POST /api/v1/documents/:id/links': { kind: 'member', targetId: fx.memberIds[0], part: '' },
  'POST /api/v1/consultations': { title: '关于推进城乡教育均衡发展', kind: 'bimonthly', year: 2026, summary: '双月协商座谈会' },
  'PATCH /api/v1/consultations/:id': { title: '新标题' },
  'PATCH /api/v1/consultations/:id/checklist': { key: 'forum', owner: '提案委员会', dueDate: '2026-05-01', state: 'doing' },
  ...Object.fromEntries(['prepare', 'convene', 'dispatch', 'track', 'close'].map((a) => [`POST /api/v1/consultations/:id/actions/${a}`, { note: '按计划' }])),
  'POST /api/v1/consultations/:id/actions/conclude': { heldOn: '2026-05-20' },
  'POST /api/v1/consultations/:id/actions/openComments': { moderation: 'pre' },
  'POST /api/v1/consultations/:id/actions/closeComments': { note: '会议结束' },
  'POST /api/v1/consultations/:id/comments': { content: '建议增加社区托育点。', replyTo: crypto.randomUUID() },
  'POST /api/v1/consultations/:id/comments/:commentId/vote': { value: 'support' },
  'POST /api/v1/consultations/:id/comments/:commentId/hide': { reason: '与议题无关' },
  'PUT /api/v1/moderation/sensitive-words': { words: ['敏感词'] },
  'POST /api/v1/consultations/plan/items': { year: 2026, kind: 'sector', month: 6, topic: '医疗卫生', committeeId: fx.committeeId },
  'PATCH /api/v1/consultations/plan/items/:id': { month: 7 },
  'POST /api/v1/consultations/plan/adopt': { year: 2026 },
  'POST /api/v1/consultations/:id/recommendations': { title: '扩大普惠托位供给', content: '建议每千人口托位数达到4.5个。' },
  'PATCH /api/v1/consultations/meeting-settings': { invitationDays: 15, materialsDays: 10, holidays: ['2026-10-01'] },
  'PUT /api/v1/consultations/:id/meeting': { date: '2026-06-15', time: '09:00', place: '政协三楼会议室', agenda: [{ time: '09:00', title: '委员发言', speakerMemberId: fx.memberIds[0], speaker: null }] },
  'POST /api/v1/consultations/:id/meeting/invitees': { memberIds: [fx.memberIds[1]], sectorIds: [fx.sectorIds[0]], committeeIds: [fx.committeeId], standing: true },
  'POST /api/v1/consultations/:id/meeting/invitees/remove': { memberIds: [fx.memberIds[1]] },
  'POST /api/v1/consultations/:id/meeting/invitations': {},
  'POST /api/v1/consultations/:id/meeting/reply': { answer: 'leave', reason: '出差在外' },
  'POST /api/v1/consultations/:id/meeting/leave': { memberId: fx.memberIds[1], approve: true, note: '同意' },
  'POST /api/v1/consultations/:id/meeting/sign-in': { code: '123456' },
  'POST /api/v1/consultations/:id/meeting/attendance': { memberId: fx.memberIds[1], present: true },
  'PUT /api/v1/consultations/:id/meeting/minutes': { text: '会议纪要' },
  ...Object.fromEntries(['assign', 'reassign', 'sign', 'return', 'opinion', 'logContact', 'requestExtension', 'grantExtension', 'refuseExtension', 'reply', 'evaluate']
    .map((a) => [`POST /api/v1/recommendations/:id/actions/${a}`, actionExamples(fx)[a]!])),
  'POST /api/v1/recommendations/:id/actions/recordOutcome': {
    kind: 'government', title: '实施意见', number: '市政办发〔2026〕12号', date: '2026-01-05', progress: 40, note: '新增托位', measure: '新增普惠托位', quantity: 1200,
  },
  'POST /api/v1/consultations/rooms': { name: '新议事室', place: '区政务中心', hostUnitId: fx.unitIds.a, note: '部门承建', memberIds: [fx.memberIds[0]!], convenerIds: [fx.memberIds[0]!] },
  'PATCH /api/v1/consultations/rooms/:id': { place: '新地点', active: true },
  'PUT /api/v1/consultations/rooms/:id/members': { memberIds: [fx.memberIds[1]!], convenerIds: [] },
  'POST /api/v1/consultations/:id/visits': { visitedOn: '2026-01-05', place: '公交调度中心', memberIds: [fx.memberIds[0]!], participants: '交通局领导', findings: '线路重复' },
  'PATCH /api/v1/consultations/:id/visits/:visitId': { findings: '线路重复，班次偏少' },
  'POST /api/v1/recommendations/:id/actions/noOutcome': { reason: '涉及省级事权' },
  'POST /api/v1/consultations/topics': { year: 2030, title: '关于农村养老服务的协商', reason: '老龄化加快', suggestedKind: 'bimonthly', suggestedOwner: '社会法制委员会' },
  'POST /api/v1/consultations/topics/:id/actions/shortlist': { note: '列入候选' },
  'POST /api/v1/consultations/topics/:id/actions/pick': { as: 'planItem', kind: 'bimonthly', month: 6, note: '主席会议确定' },
  'POST /api/v1/consultations/topics/:id/actions/decline': { answer: '已有类似安排' },
  'POST /api/v1/consultations/topics/:id/actions/merge': { intoId: crypto.randomUUID(), answer: '与另一选题重复' },
  'POST /api/v1/consultations/topics/:id/actions/support': {},
  'POST /api/v1/consultations/topics/:id/actions/unsupport': {},
});

/** The body of each proposal action. */
const actionExamples = (fx: Fixture): Record<string, Record<string, unknown>> => ({
  submit: {}, withdraw: {}, cosign: {}, file: {}, sign: {}, publish: {}, grantExtension: {},
  declineCosign: { reason: '不熟悉该领域' }, reject: { reason: '其他' }, sendBack: { reason: '请一事一案' }, convert: { to: 'opinion', reason: '转为社情民意' }, merge: { intoId: crypto.randomUUID() },
  assign: { units: [{ unitId: fx.unitIds.a, role: 'lead' }], dueDate: '2030-01-01' },
  reassign: { units: [{ unitId: fx.unitIds.b, role: 'lead' }], note: '改办' }, return: { reason: '不属于本单位职责' },
  opinion: { content: '协办意见' }, logContact: { kind: 'phone', date: '2026-01-05', content: '电话沟通' },
  requestExtension: { dueDate: '2030-01-01', reason: '需要协调' }, refuseExtension: { note: '按期办理' },
  reply: { category: 'A', content: '已采纳' }, evaluate: { satisfaction: 'satisfied', contacted: true, contactMethod: 'phone', comment: '' },
  rate: { topic: 5, research: 4, feasibility: 3 }, markKey: { leaderUserId: fx.userIds.leader }, classify: { domain: '经济' }, exempt: { reason: '涉及个人隐私' },
});

/** The body of each 社情民意 action. */
const opinionActionExamples: Record<string, Record<string, unknown>> = {
  submit: {}, withdraw: {}, approve: { title: '新标题', body: '编辑后的正文', signer: '秘书长', note: '编发' },
  return: { reason: '请补充' }, reject: { reason: '重复' }, forward: { bodies: ['市委办公室'], date: '2026-01-05', note: '报送' },
  adopt: { level: 'city', adoptedBy: '市政府办公室', date: '2026-01-06', note: '采用' },
  instruct: { leaderName: '李明', leaderPosition: '市长', level: 'city', date: '2026-01-07', content: '请研究。' },
};

/**
 * Text PostgreSQL cannot store (a NUL) or that is not Unicode (half a surrogate pair): refused in
 * any string, whatever its schema. (A URL cannot carry a lone surrogate: UTF-8 has none.)
 */
const UNSTORABLE: [string, string][] = [['a NUL', 'a\u0000b'], ['a lone surrogate', 'a\ud800b'], ['a lone low surrogate', '\udc00']];
/** Control characters: refused where they make no sense (names), but never a 5xx anywhere. */
const CONTROL = '名字\u0007\u001b[31m\u0008';

const BAD_FORMAT: Record<string, string> = { uuid: 'not-a-uuid', date: '2024-13-01', 'date-time': 'yesterday', email: 'not-an-email' };
const SAMPLE: Record<string, unknown> = { string: 'text', integer: 42, boolean: true, null: null, array: [], object: {} };
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/** The alternatives of a schema (anyOf / oneOf flattened). */
const branches = (s: Schema): Schema[] => (s.anyOf ?? s.oneOf)?.flatMap(branches) ?? [s];
const isNullOnly = (b: Schema) => !!b.enum && b.enum.every((v) => v === null);

/** The JSON types a schema accepts. */
function accepts(s: Schema): Set<string> {
  const out = new Set<string>();
  for (const b of branches(s)) {
    if (b.enum) b.enum.forEach((v) => out.add(jsonType(v)));
    else if (b.type) [b.type].flat().forEach((x) => out.add(x));
    else Object.keys(SAMPLE).forEach((x) => out.add(x));
    if (b.nullable) out.add('null');
  }
  if (out.has('number')) out.add('integer');
  return out;
}

/** `text` where the schema takes a string, or in a list where it takes a list of strings. */
function asText(s: Schema, text: string): unknown {
  if (accepts(s).has('string')) return text;
  const items = branches(s).find((b) => b.items)?.items;
  return items && accepts(items).has('string') ? [text] : undefined;
}

/** Values of a type the schema refuses. */
function wrongTypes(s: Schema): unknown[] {
  const ok = accepts(s);
  const out = Object.entries(SAMPLE).filter(([type]) => !ok.has(type)).map(([, v]) => v);
  if (ok.has('integer') && !ok.has('number')) out.push(1.5);
  return out;
}

/** A value the schema accepts (for array items). */
function validSample(s: Schema): unknown {
  const b = branches(s).find((x) => !isNullOnly(x))!;
  if (b.enum) return b.enum[0];
  if (b.format === 'uuid') return crypto.randomUUID();
  if (b.type === 'integer' || b.type === 'number') return b.minimum ?? 1;
  if (b.type === 'boolean') return true;
  return 'a'.repeat(Math.max(b.minLength ?? 1, 1));
}

/** A string of `n` characters that fails only on its length. */
function longString(b: Schema, n: number): string {
  if (b.format === 'email') return `${'a'.repeat(n - 12)}@example.com`;
  if (b.format) throw new Error(`no long value for format ${b.format}`);
  if (b.pattern) return 'a'.repeat(n);
  return '界'.repeat(n); // characters, not bytes
}

/** Values of the right type that break a constraint: [what, value]; `example` is a valid value. */
function violations(s: Schema, example?: unknown): [string, unknown][] {
  const nonNull = branches(s).filter((b) => !isNullOnly(b));
  if (nonNull.length && nonNull.every((b) => b.enum)) return [['a value not in the list', 'bogus-value']];
  if (nonNull.length !== 1) return [];
  const b = nonNull[0]!;
  const out: [string, unknown][] = [];
  const types = [b.type].flat();
  if (types.includes('string')) {
    if (b.maxLength !== undefined) out.push([`${b.maxLength + 1} characters`, longString(b, b.maxLength + 1)]);
    if (b.minLength) out.push([`${b.minLength - 1} characters`, 'a'.repeat(b.minLength - 1)]);
    if (b.pattern) out.push(['not matching the pattern', ['!', ' ', '界'].find((c) => !new RegExp(b.pattern!, 'u').test(c))]);
    if (b.format) {
      if (!(b.format in BAD_FORMAT)) throw new Error(`add a bad value for format "${b.format}"`);
      out.push([`not a ${b.format}`, BAD_FORMAT[b.format]]);
    }
  }
  if (types.includes('integer') || types.includes('number')) {
    if (b.minimum !== undefined) out.push([`below ${b.minimum}`, b.minimum - 1]);
    if (b.maximum !== undefined) out.push([`above ${b.maximum}`, b.maximum + 1]);
  }
  if (types.includes('array') && b.items) {
    if (b.maxItems !== undefined) out.push([`${b.maxItems + 1} items`, Array.from({ length: b.maxItems + 1 }, () => validSample(b.items!))]);
    if (b.minItems) out.push(['no items', []]);
    if (b.uniqueItems) { const v = validSample(b.items); out.push(['the same item twice', [v, v]]); }
    for (const w of wrongTypes(b.items).slice(0, 2)) out.push([`an item ${JSON.stringify(w)}`, [w]]);
    for (const [what, w] of violations(b.items, Array.isArray(example) ? example[0] : undefined)) out.push([`an item ${what}`, [w]]);
  }
  // An object (e.g. an array item): each of its fields wrong in turn, missing, or one too many.
  if (types.includes('object') && b.properties && example && typeof example === 'object') {
    const base = example as Record<string, unknown>;
    for (const [k, prop] of Object.entries(b.properties)) {
      for (const w of wrongTypes(prop).slice(0, 2)) out.push([`${k}: ${JSON.stringify(w)}`, { ...base, [k]: w }]);
      for (const [what, w] of violations(prop, base[k])) out.push([`${k}: ${what}`, { ...base, [k]: w }]);
    }
    for (const k of b.required ?? []) { const { [k]: _gone, ...rest } = base; out.push([`without ${k}`, rest]); }
    out.push(['an unknown field', { ...base, zzUnknown: 1 }]);
  }
  return out;
}

/** Bad query-string values for a parameter (an array: the parameter repeated). */
function badQueryValues(s: Schema): (string | string[])[] {
  const nonNull = branches(s).filter((b) => !isNullOnly(b));
  if (nonNull.every((b) => b.enum)) return ['bogus'];
  const b = nonNull[0]!;
  const types = [b.type].flat();
  if (types.includes('array') && b.items) {
    const valid = String(validSample(b.items));
    return [...badQueryValues(b.items), ...(b.maxItems !== undefined ? [Array.from({ length: b.maxItems + 1 }, () => valid)] : [])];
  }
  const out: unknown[] = [];
  if (types.includes('integer') || types.includes('number')) {
    out.push('abc', '', ...(types.includes('integer') ? ['1.5'] : []));
    if (b.minimum !== undefined) out.push(b.minimum - 1, ...(b.minimum > -1 ? [-1] : []));
    if (b.maximum !== undefined) out.push(b.maximum + 1, ...(b.maximum < 100000 ? [100000] : []));
  }
  if (types.includes('boolean')) out.push('bogus', '2');
  if (types.includes('string')) {
    if (b.maxLength !== undefined) out.push(longString(b, b.maxLength + 1));
    if (b.minLength) out.push('a'.repeat(b.minLength - 1));
    if (b.format) out.push(BAD_FORMAT[b.format] ?? '');
  }
  return [...new Set(out.map(String))];
}

interface Case {
  label: string; method: string; url: string;
  payload?: string | Buffer | object | FormData; headers?: Record<string, string>;
  /** The exact status, or any 4xx. */
  status: number | '4xx';
  /** The error path must name this field: "/name" for a body field, "pageSize" for a query parameter. */
  field?: string;
}

const names = (path: string, field: string) =>
  field.startsWith('/') ? path === field || path.startsWith(`${field}/`) : path.split('/').includes(field);

/** What is wrong with the response to a bad request, if anything. */
function judge(res: LightMyRequestResponse, c: Case): string | null {
  const got = `${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 300)}`;
  if (c.status === '4xx' ? res.statusCode < 400 || res.statusCode > 499 : res.statusCode !== c.status) return `expected ${c.status}, got ${got}`;
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) return `not problem+json: ${got}`;
  let b: { type?: unknown; title?: unknown; status?: unknown; detail?: unknown; errors?: { path?: unknown; message?: unknown }[] };
  try { b = res.json(); } catch { return `body is not JSON: ${got}`; }
  if (typeof b.type !== 'string' || typeof b.title !== 'string' || b.status !== res.statusCode || typeof b.detail !== 'string' || !Array.isArray(b.errors)
    || b.errors.some((e) => typeof e.path !== 'string' || typeof e.message !== 'string')) return `not a problem body: ${got}`;
  // The title is the human-readable summary of the status, not an internal error code.
  if (/^[A-Z_]+$/.test(b.title)) return `title is an error code: ${got}`;
  if (c.field && !b.errors.some((e) => names(e.path as string, c.field!))) return `no error names ${c.field}: ${got}`;
  return null;
}

const jsonBodySchema = (o: ApiOperation) => o.op.requestBody?.content['application/json']?.schema as Schema | undefined;

// A zip archive (stored, one entry) that is not a workbook.
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) { c ^= byte; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
}
function zipOf(name: string, content: Buffer): Buffer {
  const n = Buffer.from(name), crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14); local.writeUInt32LE(content.length, 18); local.writeUInt32LE(content.length, 22); local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16); central.writeUInt32LE(content.length, 20); central.writeUInt32LE(content.length, 24); central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12); end.writeUInt32LE(local.length + n.length + content.length, 16);
  return Buffer.concat([local, n, content, central, n, end]);
}
function upload(file: Buffer | null, filename = 'roster.xlsx', field = 'file'): FormData {
  const form = new FormData();
  form.append('note', 'roster');
  if (file) form.append(field, new Blob([new Uint8Array(file)]), filename);
  return form;
}

describe.each(engines)('bad input (%s)', (engine) => {
  let t: TestApp;
  let ops: ApiOperation[];
  let bodies: Record<string, Record<string, unknown>>;
  let existing: Record<string, string>;
  let foreign: Record<string, string>;
  let baseline: Record<string, string>;
  let admin: Record<string, string>;
  let tableSnapshot: () => Promise<Record<string, string>>;

  beforeAll(async () => {
    // Background jobs poll rarely, so that nothing but the request under test writes.
    t = await testApp(engine, { JOBS_INTERVAL_SECONDS: 3600 });
    tableSnapshot = snapshotter(t);
    admin = await t.as('admin');
    ops = await apiOperations(t);
    bodies = examples(t.fx);
    const post = async (url: string, payload: object) => (await t.app.inject({ method: 'POST', url, headers: admin, payload })).json().id as string;
    const termId = await post('/api/v1/terms', { number: 1, startYear: 2023, endYear: 2028, current: true });
    const tokenId = await post('/api/v1/auth/tokens', { name: 'kept' });
    const memberTokenId = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: await t.as('member2'), payload: { name: 'kept' } })).json().id as string;
    // A replied proposal: the admin may read it, and it has a reply (for the letter routes).
    const proposalId = await proposalIn(t, 'replied', '关于完善社区养老服务的提案');
    const replyId = (await t.app.inject({ url: `/api/v1/proposals/${proposalId}`, headers: admin })).json().replies[0].id as string;
    const [attachment] = await t.database.db.insert(attachments).values({ orgId: t.fx.orgId, itemKind: 'proposal', itemId: proposalId, ownerKind: 'reply', ownerId: replyId,
      filename: '附件.pdf', mime: 'application/pdf', size: 4, sha256: '-', data: Buffer.from('%PDF'), createdBy: t.fx.userIds.unitA! }).returning();
    const selection = await selectionIn(t, 'scoring', '优秀提案评选');
    // 双联 in 2025: 张三's link to a member outside the party, a contact on it with an opinion.
    await post('/api/v1/liaison/links/generate', { year: 2025 });
    const linkId = (await t.app.inject({ url: `/api/v1/liaison/links?year=2025&kind=partyMember&fromMemberId=${t.fx.memberIds[0]}`, headers: admin })).json().items[0].id as string;
    const contact = (await t.app.inject({ method: 'POST', url: `/api/v1/liaison/links/${linkId}/contacts`, headers: admin,
      payload: { date: '2025-06-01', channel: 'faceToFace', participants: '张三', topics: '走访', opinions: ['建议加强社区养老'] } })).json();
    const report = (await t.app.inject({ method: 'PUT', url: '/api/v1/liaison/reports', headers: admin, payload: { year: 2025, body: '年度报告', memberId: t.fx.memberIds[0] } })).json();
    const sessionId = (await t.app.inject({ url: '/api/v1/terms', headers: admin })).json().items.flatMap((x: { sessions: { id: string; startsOn: string }[] }) => x.sessions).find((x: { startsOn: string }) => x.startsOn === '2025-01-10').id as string;
    const meetingId = await post('/api/v1/liaison/meetings', { date: '2025-01-11', place: '会议中心', sessionId, attendeeIds: [t.fx.memberIds[0]], topics: ['交流'] });
    const groupId = await post('/api/v1/party/groups', { kind: 'officeCommittee', name: '机关党委' });
    const entryId = await post(`/api/v1/party/groups/${groupId}/members`, { name: '王干事' });
    const campaignId = await post('/api/v1/campaigns', { title: '我为发展献一计', theme: '建言', opensOn: '2025-01-01', closesOn: '2099-12-31' });
    const ideaId = (await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${campaignId}/ideas`, headers: await t.as('member'), payload: { title: '一计', content: '内容' } })).json().id as string;
    const staff = await t.as('staff');
    const consultationId = (await t.app.inject({ method: 'POST', url: '/api/v1/consultations', headers: staff, payload: { title: '界别协商', kind: 'sector', year: 2026 } })).json().id as string;
    for (const a of ['prepare', 'convene', 'conclude']) await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${consultationId}/actions/${a}`, headers: staff, payload: {} });
    const recommendationId = (await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${consultationId}/recommendations`, headers: staff, payload: { title: '建议', content: '内容' } })).json().id as string;
    const [recommendationFile] = await t.database.db.insert(attachments).values({ orgId: t.fx.orgId, itemKind: 'recommendation', itemId: recommendationId, ownerKind: 'reply', ownerId: null,
      filename: '附件.pdf', mime: 'application/pdf', size: 4, sha256: '-', data: Buffer.from('%PDF'), createdBy: t.fx.userIds.unitA! }).returning();
    const [consultationFile] = await t.database.db.insert(attachments).values({ orgId: t.fx.orgId, itemKind: 'consultation', itemId: consultationId, ownerKind: 'material', ownerId: consultationId,
      filename: '材料.pdf', mime: 'application/pdf', size: 4, sha256: '-', data: Buffer.from('%PDF'), createdBy: t.fx.userIds.staff! }).returning();
    const [comment] = await t.database.db.insert(consultationComments).values({ orgId: t.fx.orgId, consultationId, authorId: t.fx.userIds.member!, authorName: '张三', content: '意见', status: 'visible' }).returning();
    const planItemId = (await t.app.inject({ method: 'POST', url: '/api/v1/consultations/plan/items', headers: staff, payload: { year: 2026, kind: 'sector', month: 5, topic: '计划' } })).json().id as string;
    const roomId = (await t.app.inject({ method: 'POST', url: '/api/v1/consultations/rooms', headers: staff, payload: { name: '议事室', hostCountyOrgId: t.fx.countyId } })).json().id as string;
    const supervisionId = (await t.app.inject({ method: 'POST', url: '/api/v1/consultations', headers: staff, payload: { title: '民主监督', kind: 'supervision', year: 2026 } })).json().id as string;
    const visitId = (await t.app.inject({ method: 'POST', url: `/api/v1/consultations/${supervisionId}/visits`, headers: staff, payload: { visitedOn: '2026-01-05', place: '某地', findings: '发现' } })).json().id as string;
    const topicId = (await t.app.inject({ method: 'POST', url: '/api/v1/consultations/topics', headers: await t.as('member'), payload: { year: 2030, title: '选题', reason: '理由' } })).json().id as string;
    // 文库: a processed public document and a report on it.
    const upload = new FormData();
    upload.append('access', 'public');
    upload.append('file', new Blob([new Uint8Array(Buffer.from('政协文库的文档', 'utf8'))]), '文档.txt');
    const documentId = (await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: admin, payload: upload })).json().id as string;
    await t.app.library.runner.runDue();
    const reportId = (await t.app.inject({ method: 'POST', url: `/api/v1/documents/${documentId}/reports`, headers: admin, payload: { reason: '内容不实' } })).json().id as string;
    const categoryId = (await t.app.inject({ method: 'POST', url: '/api/v1/documents/categories', headers: admin, payload: { name: '履职资料' } })).json().id as string;
    const [notification] = await t.database.db.insert(notifications).values({ orgId: t.fx.orgId, userId: t.fx.userIds.admin!, kind: 'test', title: '通知' }).returning();
    // 双创: one of each, 张三's.
    const [zhang] = t.fx.memberIds as [string];
    const projectId = await post('/api/v1/creation/projects', { kind: 'povertyBase', name: '茶叶基地', memberIds: [zhang], startedOn: '2025-03-01' });
    const [projectFile] = await t.database.db.insert(attachments).values({ orgId: t.fx.orgId, itemKind: 'creationProject', itemId: projectId, ownerKind: 'project', ownerId: projectId,
      filename: '现场.pdf', mime: 'application/pdf', size: 4, sha256: '-', data: Buffer.from('%PDF'), createdBy: t.fx.userIds.admin! }).returning();
    const creation = {
      '/api/v1/creation/projects/:id': projectId, '/api/v1/creation/projects/:id/files/:fileId': projectFile!.id,
      '/api/v1/creation/pairings/:id': await post('/api/v1/creation/pairings', { memberId: zhang, householdName: '陈大明', pairedOn: '2025-04-02' }),
      '/api/v1/creation/activities/:id': await post('/api/v1/creation/activities', { kind: 'policy', date: '2025-06-10', place: '青山村', memberIds: [zhang] }),
      '/api/v1/creation/honours/:id': await post('/api/v1/creation/honours', { memberId: zhang, level: 'city', awardedBy: '市委市政府', title: '先进个人', date: '2025-10-01' }),
      '/api/v1/creation/exchanges/:id': await post('/api/v1/creation/exchanges', { date: '2025-11-20', place: '会议室', topic: '交流会' }),
    };
    // An existing object for each path parameter (by the path up to it), so that a wrongly
    // accepted value would show.
    existing = {
      '/api/v1/auth/tokens/:id': tokenId, '/api/v1/sectors/:id': t.fx.sectorIds[0]!, '/api/v1/committees/:id': t.fx.committeeId,
      '/api/v1/units/:id': t.fx.unitIds.a, '/api/v1/members/:id': t.fx.memberIds[0]!, '/api/v1/users/:id': t.fx.userIds.member2!,
      '/api/v1/users/:id/tokens/:tokenId': memberTokenId,
      '/api/v1/terms/:id': termId, '/api/v1/orgs/:id': t.fx.countyId, '/api/v1/proposals/:id': proposalId,
      '/api/v1/notifications/:id': notification!.id, '/api/v1/proposals/:id/replies/:replyId': replyId,
      '/api/v1/proposals/:id/attachments/:attachmentId': attachment!.id,
      '/api/v1/opinions/:id': await converted(t, 'opinions', '转社情民意'), '/api/v1/letters/:id': await converted(t, 'letters', '转委员来信'),
      '/api/v1/liaison/links/:id': linkId, '/api/v1/liaison/contacts/:id': contact.id, '/api/v1/liaison/opinions/:id': contact.opinions[0].id,
      '/api/v1/liaison/reports/:id': report.id, '/api/v1/liaison/meetings/:id': meetingId,
      '/api/v1/party/groups/:id': groupId, '/api/v1/party/groups/:id/members/:entryId': entryId,
      '/api/v1/campaigns/:id': campaignId, '/api/v1/campaigns/ideas/:id': ideaId,
      '/api/v1/selections/:id': selection.id, '/api/v1/selections/:id/entries/:entryId': selection.entryId, '/api/v1/selections/:id/levels/:levelId': selection.levelIds[1]!,
      '/api/v1/consultations/:id': consultationId, '/api/v1/consultations/plan/items/:id': planItemId, '/api/v1/consultations/topics/:id': topicId,
      '/api/v1/consultations/rooms/:id': roomId, '/api/v1/consultations/:id/visits/:visitId': visitId,
      '/api/v1/consultations/:id/files/:fileId': consultationFile!.id,
      '/api/v1/records/members/:id': t.fx.memberIds[0]!,
      '/api/v1/consultations/:id/comments/:commentId': comment!.id,
      '/api/v1/documents/:id': documentId, '/api/v1/documents/:id/pages/:n': '1', '/api/v1/documents/reports/:id': reportId,
      '/api/v1/documents/categories/:id': categoryId,
      '/api/v1/reports/sishuang/versions/:number': '1',
      '/api/v1/documents/:id/links/:targetId': t.fx.memberIds[0]!,
      '/api/v1/auth/memberships/:orgId': t.fx.countyId,
      '/api/v1/recommendations/:id': recommendationId, '/api/v1/recommendations/:id/attachments/:attachmentId': recommendationFile!.id,
      ...creation,
    };
    // Objects of another committee: as unknown here as a random id.
    foreign = {
      '/api/v1/sectors/:id': t.fx.otherSectorId, '/api/v1/members/:id': t.fx.otherMemberId, '/api/v1/records/members/:id': t.fx.otherMemberId,
      '/api/v1/users/:id': t.fx.userIds.otherAdmin!, '/api/v1/orgs/:id': t.fx.otherOrgId,
    };
    baseline = await tableSnapshot();
  });
  afterAll(async () => { await t?.close(); });

  const key = (o: ApiOperation) => `${o.method} ${o.path}`;
  /** The id of an existing (or another committee's) object for a path parameter. */
  const idOf = (path: string, param: string, table = existing) => {
    const at = path.indexOf(`:${param}`);
    const id = table[path.slice(0, at + param.length + 1)];
    if (!id && table === existing) throw new Error(`add an existing id for :${param} of ${path} to the test`);
    return id;
  };
  /** The path with existing ids, except `param`, which gets `value`. */
  const urlOf = (o: ApiOperation, param?: string, value?: string) =>
    o.path.replace(/:(\w+)/g, (_, name: string) => (name === param ? value! : idOf(o.path, name)!));
  /** Valid parts of the request besides the one under test. */
  const exampleBody = (o: ApiOperation) => (jsonBodySchema(o) ? { payload: bodies[key(o)]! } : {});

  /** Sends every case; reports each wrong answer and each change to the database. */
  async function run(cases: Case[]) {
    expect(cases.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await t.app.inject({ method: c.method as 'POST', url: c.url, headers: { ...admin, ...c.headers }, ...(c.payload === undefined ? {} : { payload: c.payload as string }) });
      const problem = judge(res, c);
      if (problem) wrong.push(`${c.method} ${c.url} — ${c.label}: ${problem}`);
      const now = await tableSnapshot();
      if (JSON.stringify(now) !== JSON.stringify(baseline)) {
        const changed = Object.keys(now).filter((k) => now[k] !== baseline[k]);
        wrong.push(`${c.method} ${c.url} — ${c.label}: changed ${changed.join(', ')}`);
        baseline = now;
      }
    }
    expect(wrong).toEqual([]);
    return cases.length;
  }

  it('has a valid example for every JSON body, and only for existing operations', () => {
    const ajv = addFormats.default(new Ajv({ strict: false, allErrors: true }));
    const withBody = ops.filter((o) => o.op.requestBody && !(key(o) in EXEMPT_BODY));
    expect(withBody.length).toBeGreaterThan(0);
    for (const o of withBody) {
      const schema = jsonBodySchema(o);
      expect(schema, `${key(o)}: only JSON bodies are handled; exempt it and test it apart`).toBeDefined();
      expect(bodies[key(o)], `add an example body for ${key(o)}`).toBeDefined();
      expect(ajv.validate(schema!, bodies[key(o)]), `${key(o)}: ${ajv.errorsText()}`).toBe(true);
    }
    expect(Object.keys(bodies).filter((k) => !withBody.some((o) => key(o) === k)), 'examples of operations without a JSON body').toEqual([]);
    expect(Object.keys(EXEMPT_BODY).filter((k) => !ops.some((o) => key(o) === k))).toEqual([]);
  });

  it('refuses bad path ids: 400 for a malformed id, 404 for an unknown one or one of another committee', { timeout: SWEEP_TIMEOUT }, async () => {
    const cases: Case[] = [];
    for (const o of ops.filter((x) => x.op.parameters?.some((p) => p.in === 'path'))) {
      for (const p of o.op.parameters!.filter((x) => x.in === 'path')) {
        const base = { method: o.method, ...exampleBody(o) };
        const id = idOf(o.path, p.name)!;
        if ((p.schema as Schema).type === 'integer') {
          // A page number: not a positive integer → 400; past the document's pages → 404.
          for (const bad of ['x', '0', '-1', '1.5', "' or 1=1 --"]) cases.push({ ...base, label: `:${p.name} ${JSON.stringify(bad)}`, url: urlOf(o, p.name, encodeURIComponent(bad)), status: 400, field: p.name });
          cases.push({ ...base, label: `a :${p.name} past the end`, url: urlOf(o, p.name, '99999'), status: 404 });
          continue;
        }
        expect((p.schema as Schema).format, `${key(o)}: only uuid and integer path parameters are handled`).toBe('uuid');
        for (const bad of ['not-a-uuid', id.slice(0, -1), `${id}0`, "' or 1=1 --", '0'])
          cases.push({ ...base, label: `:${p.name} ${JSON.stringify(bad)}`, url: urlOf(o, p.name, encodeURIComponent(bad)), status: 400, field: p.name });
        cases.push({ ...base, label: `an unknown :${p.name}`, url: urlOf(o, p.name, crypto.randomUUID()), status: 404 });
        const theirs = idOf(o.path, p.name, foreign);
        if (theirs) cases.push({ ...base, label: `another committee's :${p.name}`, url: urlOf(o, p.name, theirs), status: 404 });
      }
    }
    await run(cases);
  });

  // Fastify's router answers these before any route runs: `frameworkErrors` makes them problems too.
  it('answers malformed URLs and over-long ids with problem+json too', async () => {
    await run([
      { label: 'a broken percent-encoding', method: 'GET', url: '/api/v1/members/%E0%A4%A', status: 400 },
      { label: 'a 300-character id', method: 'GET', url: `/api/v1/members/${'a'.repeat(300)}`, status: '4xx' },
    ]);
  });

  it('refuses bad query values, naming the parameter', { timeout: SWEEP_TIMEOUT }, async () => {
    const cases: Case[] = [];
    for (const o of ops.filter((x) => x.op.parameters?.some((p) => p.in === 'query'))) {
      const base = { method: o.method, ...exampleBody(o) };
      const query = o.op.parameters!.filter((x) => x.in === 'query');
      for (const p of query) {
        const values = badQueryValues(p.schema as Schema);
        expect(values.length, `${key(o)}: no bad values for ?${p.name}`).toBeGreaterThan(0);
        for (const v of values) {
          const q = new URLSearchParams([v].flat().map((x) => [p.name, x]));
          cases.push({ ...base, label: `?${q}`.slice(0, 40), url: `${urlOf(o)}?${q}`, status: 400, field: p.name });
        }
      }
      for (const p of query) cases.push({ ...base, label: `?${p.name} with a NUL`, url: `${urlOf(o)}?${p.name}=a%00b`, status: 400, field: p.name });
      cases.push({ ...base, label: 'an unknown parameter', url: `${urlOf(o)}?zzUnknown=1`, status: 400, field: 'zzUnknown' });
      const int = query.find((p) => [(p.schema as Schema).type].flat().includes('integer'));
      if (int) cases.push({ ...base, label: `?${int.name} twice`, url: `${urlOf(o)}?${int.name}=1&${int.name}=2`, status: 400, field: int.name });
    }
    await run(cases);
  });

  it('refuses JSON bodies with a wrong type, a missing field, an oversized string, an unknown field, a NUL or a lone surrogate, naming the field', { timeout: SWEEP_TIMEOUT }, async () => {
    const cases: Case[] = [];
    for (const o of ops.filter((x) => jsonBodySchema(x) && !(key(x) in EXEMPT_BODY))) {
      const schema = jsonBodySchema(o)!;
      const example = bodies[key(o)]!;
      const base = { method: o.method, url: urlOf(o), status: 400 };
      for (const [field, prop] of Object.entries(schema.properties ?? {})) {
        for (const v of wrongTypes(prop)) cases.push({ ...base, label: `${field}: ${JSON.stringify(v)}`, payload: { ...example, [field]: v }, field: `/${field}` });
        for (const [what, v] of violations(prop, example[field])) cases.push({ ...base, label: `${field}: ${what}`, payload: { ...example, [field]: v }, field: `/${field}` });
        for (const [what, text] of UNSTORABLE) {
          const v = asText(prop, text);
          if (v !== undefined) cases.push({ ...base, label: `${field}: ${what}`, payload: { ...example, [field]: v }, field: `/${field}` });
        }
      }
      for (const field of schema.required ?? []) {
        const { [field]: _gone, ...rest } = example;
        cases.push({ ...base, label: `without ${field}`, payload: rest, field: `/${field}` });
      }
      cases.push({ ...base, label: 'an unknown field', payload: { ...example, zzUnknown: 1 }, field: '/zzUnknown' });
      if (schema.minProperties) cases.push({ ...base, label: 'an empty object', payload: {} });
    }
    await run(cases);
  });

  it('refuses broken JSON, non-object JSON, an empty or missing body, a wrong content type and an oversized body', { timeout: SWEEP_TIMEOUT }, async () => {
    const json = { 'content-type': 'application/json' };
    const cases: Case[] = [];
    for (const o of ops.filter((x) => jsonBodySchema(x) && !(key(x) in EXEMPT_BODY))) {
      const base = { method: o.method, url: urlOf(o), status: 400 };
      const text = JSON.stringify(bodies[key(o)]);
      for (const broken of [text.slice(0, -1), "{'name': 'x'}"])
        cases.push({ ...base, label: `broken JSON ${broken.slice(0, 30)}`, payload: broken, headers: json });
      for (const other of ['[]', '"x"', 'null', '42', JSON.stringify([bodies[key(o)]])])
        cases.push({ ...base, label: `JSON ${other.slice(0, 30)}`, payload: other, headers: json, field: '/' });
      cases.push({ ...base, label: 'an empty body', payload: '', headers: json });
      // (An action without fields may be sent without a body.)
      if (jsonBodySchema(o)!.required?.length || jsonBodySchema(o)!.minProperties) cases.push({ ...base, label: 'no body' });
      cases.push({ ...base, label: 'a __proto__ key', payload: `{"__proto__":{"isAdmin":true},${text.slice(1)}`, headers: json });
      cases.push({ ...base, status: '4xx', label: 'text/plain', payload: text, headers: { 'content-type': 'text/plain' } });
      cases.push({ ...base, status: 413, label: 'a body over 1 MB', payload: JSON.stringify({ ...bodies[key(o)], zzPadding: 'x'.repeat(1024 * 1024) }), headers: json });
    }
    await run(cases);
  });

  it('refuses an annual liaison report that is not a .doc, .docx or .pdf by its content', async () => {
    const url = `/api/v1/liaison/reports/file?year=2025&memberId=${t.fx.memberIds[0]}`;
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const files: [string, () => Promise<FormData | object>][] = [
      ['a JSON body instead of a file', async () => ({})],
      ['a form without a file', async () => upload(null)],
      ['a file in another field', async () => upload(Buffer.from('%PDF-1.4\n%%EOF\n'), '报告.pdf', 'upload')],
      ['an empty file', async () => upload(Buffer.alloc(0), '报告.pdf')],
      ['a .txt renamed .docx', async () => upload(Buffer.from('年度双联工作报告'), '报告.docx')],
      ['an image renamed .pdf', async () => upload(png, '报告.pdf')],
      ['a spreadsheet', async () => upload(await rosterFile(['姓名'], [['孙七']]), '报告.xlsx')],
    ];
    const cases: Case[] = [];
    for (const [label, make] of files) cases.push({ label, method: 'POST', url, payload: await make(), status: 400, field: '/file' });
    await run(cases);
  });

  describe('the roster import (multipart)', () => {
    const importUrl = (commit: boolean) => `/api/v1/members/import?commit=${commit}`;
    const REQUIRED = ['姓名', '党派', '界别'];

    it('refuses a request without a usable .xlsx file, with or without commit', async () => {
      const files: [string, () => Promise<FormData | object>][] = [
        ['a JSON body instead of a file', async () => ({})],
        ['a form without a file', async () => upload(null)],
        ['a file in another field', async () => upload(await rosterFile(REQUIRED, [['孙七', '中共', '教育界']]), 'roster.xlsx', 'upload')],
        ['an empty file', async () => upload(Buffer.alloc(0))],
        ['a .txt renamed .xlsx', async () => upload(Buffer.from('姓名,党派,界别\n孙七,中共,教育界\n'))],
        ['a PK header and nothing else', async () => upload(Buffer.from('PK\u0003\u0004 not really a zip'))],
        ['a zip that is not a workbook', async () => upload(zipOf('hello.txt', Buffer.from('hello')))],
        ['a workbook without the required columns', async () => upload(await rosterFile(['名字', '单位'], [['孙七', '示例大学']]))],
        ['a workbook missing 界别', async () => upload(await rosterFile(['姓名', '党派'], [['孙七', '中共']]))],
      ];
      const cases: Case[] = [];
      for (const commit of [false, true]) {
        for (const [label, make] of files) cases.push({ label, method: 'POST', url: importUrl(commit), payload: await make(), status: 400, field: '/file' });
      }
      await run(cases);
    });

    it('names each missing column', async () => {
      const res = await t.app.inject({ method: 'POST', url: importUrl(true), headers: admin, payload: upload(await rosterFile(['性别'], [['男']])) });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { message: string }) => e.message)).toEqual(REQUIRED.map((c) => `缺少“${c}”列`));
      expect(await tableSnapshot()).toEqual(baseline);
    });

    it('refuses a file over 10 MB', async () => {
      await run([{ label: '10 MB + 1 byte', method: 'POST', url: importUrl(true), payload: upload(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)), status: 413 }]);
    });

    it('imports nothing when every row is bad, and reports each row', async () => {
      const rows = [['', '中共', '教育界'], ['周八', '某党', '教育界'], ['吴九', '中共', '不存在界'], ['郑十', '民盟', '教育界', '男', '1800']];
      const file = await rosterFile([...REQUIRED, '性别', '出生年份'], rows);
      const res = await t.app.inject({ method: 'POST', url: importUrl(true), headers: admin, payload: upload(file) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ total: 4, valid: 0, imported: 0 });
      expect(new Set(res.json().errors.map((e: { row: number }) => e.row))).toEqual(new Set([2, 3, 4, 5]));
      expect(await tableSnapshot()).toEqual(baseline);
    });
  });

  // Node's HTTP parser answers before any route runs: the server's clientError handler makes it a problem.
  it('answers an oversized header with 431 as problem+json', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { 'x-padding': 'x'.repeat(20_000) } });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 431, title: 'Request Header Fields Too Large', errors: [] });
  });

  // Last, as some of these are accepted and change the database.
  it('never answers a 5xx to control characters in any string field, and names the field when it refuses one', { timeout: SWEEP_TIMEOUT }, async () => {
    const wrong: string[] = [];
    for (const o of ops.filter((x) => jsonBodySchema(x) && !(key(x) in EXEMPT_BODY))) {
      for (const [field, prop] of Object.entries(jsonBodySchema(o)!.properties ?? {})) {
        const v = asText(prop, CONTROL);
        if (v === undefined) continue;
        const url = urlOf(o), label = `${field}: control characters`;
        const res = await t.app.inject({ method: o.method as 'POST', url, headers: admin, payload: { ...bodies[key(o)], [field]: v } });
        // Accepted, or refused for another reason (a state, a role); a refusal of the input names the field.
        const aboutInput = res.statusCode === 400 || res.statusCode === 422;
        const problem = res.statusCode < 400 ? null : judge(res, { method: o.method, url, label, status: '4xx', ...(aboutInput ? { field: `/${field}` } : {}) });
        if (problem) wrong.push(`${o.method} ${url} — ${label}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
