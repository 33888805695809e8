import type { Kind } from './rules.ts';

// The Chinese names of the kinds and channels (reasons, origins, exports).

export const KIND_LABELS: Record<Kind, string> = {
  partyGroup: '党组成员联系界别党员委员',
  partyMember: '党员委员联系党外委员',
  chairMeeting: '主席会议成员联系常委',
  standing: '常委联系委员',
  masses: '委员联系界别群众',
  committee: '专委会联系界别',
};

export const CHANNELS = ['faceToFace', 'wechat', 'phone', 'research', 'forum'] as const;
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  faceToFace: '见面', wechat: '微信', phone: '电话', research: '调研走访', forum: '座谈会',
};
