// The kinds of party group and of party activity, with their Chinese names (exports, messages).

export const GROUP_KINDS = ['leadingGroup', 'officeLeadingGroup', 'officeCommittee', 'branch', 'cell', 'memberGroup'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const GROUP_KIND_LABELS: Record<GroupKind, string> = {
  leadingGroup: '党组', officeLeadingGroup: '机关党组', officeCommittee: '机关党委', branch: '党支部', cell: '党小组', memberGroup: '党员委员活动小组',
};

export const ACTIVITY_KINDS = ['congress', 'branchCommittee', 'cellMeeting', 'lecture', 'themeDay', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  congress: '党员大会', branchCommittee: '支委会', cellMeeting: '党小组会', lecture: '党课', themeDay: '主题党日', other: '其他',
};
