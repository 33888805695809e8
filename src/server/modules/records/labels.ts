import { ACTIVITY_KIND_LABELS as OUTREACH_LABELS, PROJECT_KIND_LABELS } from '../creation/labels.ts';
import { CHANNEL_LABELS } from '../liaison/labels.ts';
import { LEVEL_LABELS } from '../opinions/labels.ts';
import { ACTIVITY_KIND_LABELS as PARTY_ACTIVITY_LABELS } from '../party/labels.ts';

// How the office names the kinds of entry (the 述职报告 and the export; the web app has its own strings).
export const KIND_NAMES: Record<string, string> = {
  proposalLead: '领衔提交提案', proposalCosign: '联名附议提案', proposalFiled: '提案立案', proposalFiledCosign: '附议的提案立案',
  proposalKey: '提案列为重点提案', proposalExcellent: '提案获评优秀提案', opinionSubmitted: '报送社情民意信息', opinionAdopted: '社情民意信息被采用',
  liaisonContact: '双联联系', liaisonReport: '双联年度书面报告', meetingAttended: '出席会议活动', meetingLeave: '请假获准', meetingAbsent: '无故缺席会议',
  meetingSpeech: '会议发言', topicProposed: '提出协商议题', commentPosted: '网络议政发言', creationProject: '双创项目',
  creationHonour: '双创荣誉', creationActivity: '双创活动', partyActivity: '参加党组织活动', campaignIdea: '提出金点子', campaignIdeaAdopted: '金点子被采纳',
  liaisonMeeting: '参加双联见面会', supervisionVisit: '参加民主监督视察', roomSession: '参加委员议事室协商',
};

/** The variant as the office names it: an adoption's level, a contact's channel, a 双创 or party activity's kind, else as given. */
const VARIANT_NAMES: Record<string, Record<string, string>> = {
  opinionAdopted: LEVEL_LABELS, liaisonContact: CHANNEL_LABELS, creationProject: PROJECT_KIND_LABELS,
  creationActivity: { ...OUTREACH_LABELS, pairing: '“三个一”结对' }, partyActivity: PARTY_ACTIVITY_LABELS,
};
export const variantName = (kind: string, variant: string | null) => (!variant ? '' : VARIANT_NAMES[kind]?.[variant] ?? variant);
