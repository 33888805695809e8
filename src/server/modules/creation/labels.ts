// 双创 vocabularies: the kinds of members' projects, their states, the 五送 activities, the levels
// of honours and of the committee a member sits on, with their Chinese names (exports, events).

export const PROJECT_KINDS = ['demonstrationBase', 'povertyBase', 'innovation', 'enterprise'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_LABELS: Record<ProjectKind, string> = {
  demonstrationBase: '示范基地', povertyBase: '扶贫产业基地', innovation: '创新项目', enterprise: '企业',
};

export const PROJECT_STATES = ['planned', 'running', 'completed', 'suspended'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_STATE_LABELS: Record<ProjectState, string> = { planned: '筹建中', running: '运行中', completed: '已完成', suspended: '已暂停' };

/** 五送: policy, technology, culture, medicine, warmth. */
export const ACTIVITY_KINDS = ['policy', 'technology', 'culture', 'medicine', 'warmth'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = { policy: '送政策', technology: '送技术', culture: '送文化', medicine: '送医疗', warmth: '送温暖' };

export const HONOUR_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = { national: '国家级', provincial: '省级', city: '市级', county: '县级' };

/** The committee a member sits on: 省市县三级. */
export const MEMBER_LEVELS = ['provincial', 'city', 'county'] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];
export const MEMBER_LEVEL_LABELS: Record<MemberLevel, string> = { provincial: '省政协委员', city: '市政协委员', county: '县政协委员' };
