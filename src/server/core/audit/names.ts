import { inLang, say, type Lang, type Localized } from '../errors.ts';
import { workflowNames } from '../workflow.ts';

// The audit log's objects and actions as people read them (the log page, its export). A workflow's
// noun and transition labels name its own (core/workflow.ts); these name the rest. An action id that
// means different things for different objects is named per object ("entity.action").

const ENTITIES: Record<string, Localized> = {
  attachment: say('附件', 'Attachment'), campaign: say('建言活动', 'Campaign'), campaignIdea: say('建言', 'Idea'),
  committee: say('专委会', 'Special committee'), consultationComment: say('网络议政意见', 'Online comment'),
  consultationPlan: say('年度协商计划', 'Consultation plan'), consultationRoom: say('委员议事室', 'Council room'),
  consultationRoomSession: say('议事室活动', 'Council room session'), consultationVisit: say('视察记录', 'Inspection visit'),
  creationActivity: say('五送活动', 'Five-deliveries activity'), creationExchange: say('经验交流会', 'Exchange meeting'),
  creationHonour: say('表彰', 'Honour'), creationPairing: say('结对帮扶', 'Pairing'), creationProject: say('双创项目', 'Enterprise project'),
  document: say('文档', 'Document'), documentCategory: say('文档分类', 'Document category'), dutyRecords: say('履职档案', 'Duty records'),
  liaisonContact: say('联系记录', 'Contact log'), liaisonGraph: say('双联联系安排', 'Liaison assignment'),
  liaisonLink: say('双联联系', 'Liaison link'), liaisonMeeting: say('双联见面会', 'Liaison meeting'),
  liaisonOpinion: say('双联意见', 'Liaison opinion'), liaisonReport: say('双联履职报告', 'Liaison report'),
  meetingAttendance: say('会议签到', 'Meeting attendance'), meetingLeave: say('会议请假', 'Meeting leave'), meetingSpeech: say('会议发言', 'Meeting speech'),
  member: say('委员', 'Member'), org: say('政协组织', 'Committee'), partyActivity: say('党组织活动', 'Party activity'),
  partyGroup: say('党组织', 'Party group'), partyGroupMember: say('党组织成员', 'Party group member'),
  report: say('四双报告', 'Sishuang report'),
  sector: say('界别', 'Sector'), sensitiveWords: say('敏感词', 'Sensitive words'), session: say('会议', 'Session'),
  term: say('届次', 'Term'), unit: say('承办单位', 'Handling unit'), user: say('用户', 'User'),
};

const ACTIONS: Record<string, Localized> = {
  added: say('添加', 'Added'), adminCreated: say('设立管理员', 'Admin created'), adminReset: say('重置管理员', 'Admin reset'),
  adopted: say('采纳', 'Adopted'), announced: say('公布', 'Announced'), approved: say('审核通过', 'Approved'), attending: say('确认出席', 'Will attend'),
  backfilled: say('补录履职记录', 'Backfilled'), checklist: say('更新八个一清单', 'Checklist updated'), cleared: say('撤销签到', 'Sign-in cleared'),
  converted: say('转化', 'Converted'), create: say('新增', 'Created'), created: say('新增', 'Created'), deactivated: say('停用', 'Deactivated'),
  delete: say('删除', 'Deleted'), edit: say('编辑', 'Edited'), edited: say('修改', 'Edited'),
  favourite: say('收藏', 'Favourited'), generated: say('生成', 'Generated'), held: say('待审核', 'Held for review'), hidden: say('隐藏', 'Hidden'),
  invited: say('发出邀请', 'Invited'), inviteesAdded: say('增加受邀人', 'Invitees added'),
  inviteesRemoved: say('移除受邀人', 'Invitees removed'), leaveAsked: say('请假', 'Asked for leave'), link: say('关联', 'Linked'),
  logged: say('记录', 'Logged'), materialUploaded: say('上传会议材料', 'Materials uploaded'), meetingChanged: say('修改会议安排', 'Meeting changed'),
  meetingScheduled: say('安排会议', 'Meeting scheduled'), membersSet: say('设置成员', 'Members set'),
  membershipLinked: say('关联其他政协的登录', 'Membership linked'), membershipUnlinked: say('解除其他政协登录的关联', 'Membership unlinked'),
  minutesUploaded: say('上传会议纪要', 'Minutes uploaded'), minutesWritten: say('记录会议纪要', 'Minutes written'), nominated: say('推荐', 'Nominated'),
  opened: say('开启', 'Opened'), passwordChanged: say('修改密码', 'Password changed'), passwordReset: say('重置密码', 'Password reset'),
  posted: say('发表', 'Posted'), proposed: say('提出', 'Proposed'), reactivated: say('启用', 'Reactivated'), reassigned: say('调整联系', 'Reassigned'),
  recommendation: say('提出协商建议', 'Recommendation added'), recomputed: say('重新计算积分', 'Recomputed'), registered: say('注册', 'Registered'),
  removed: say('移除', 'Removed'), report: say('举报', 'Reported'), reportProfile: say('修改报告信息', 'Report profile changed'),
  reported: say('提交报告', 'Reported'), restore: say('恢复版本', 'Version restored'), reviewed: say('评审', 'Reviewed'),
  settings: say('修改设置', 'Settings changed'), signedIn: say('签到', 'Signed in'), submitted: say('提交', 'Submitted'),
  supervised: say('督办', 'Supervised'), token_revoked: say('吊销 API 令牌', 'API token revoked'), unfavourite: say('取消收藏', 'Unfavourited'),
  unlink: say('取消关联', 'Unlinked'), updated: say('修改', 'Updated'), upload: say('上传', 'Uploaded'), uploaded: say('上传', 'Uploaded'),
  visit: say('记录视察', 'Visit logged'), voted: say('表态', 'Voted'),
  itemAdded: say('增加计划事项', 'Plan item added'), itemDeleted: say('删除计划事项', 'Plan item deleted'), itemEdited: say('修改计划事项', 'Plan item edited'),
  levelClosed: say('结束本级评选', 'Level closed'),
  'creationExchange.held': say('举办', 'Held'), 'liaisonMeeting.held': say('召开', 'Held'),
  'document.report.dismiss': say('处理举报：驳回', 'Report dismissed'), 'document.report.hide': say('处理举报：隐藏文档', 'Report upheld: hidden'),
  'selection.withdrawn': say('撤回推荐', 'Nomination withdrawn'),
};

/** The object's name, or its id when none is known. */
export function entityName(entity: string, lang: Lang): string {
  const known = workflowNames(entity)?.noun ?? ENTITIES[entity];
  // (a workflow's noun is written for the middle of a sentence: "This proposal is …")
  return known ? inLang(known, lang).replace(/^[a-z]/, (c) => c.toUpperCase()) : entity;
}

/** The action's name for this object, or its id when none is known. */
export function actionName(entity: string, action: string, lang: Lang): string {
  const known = ACTIONS[`${entity}.${action}`] ?? workflowNames(entity)?.actions.get(action) ?? ACTIONS[action];
  return known ? inLang(known, lang) : action;
}

