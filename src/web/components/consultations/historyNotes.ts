// A consultation's history notes are written by the server in Chinese (consultations/*.ts: the
// checklist, the meeting, invitations, visits, recommendations). In English the known ones are
// worded again from their parts; any other is shown as written.
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';

/** The checklist's items as the server names them (checklist.ts TASK_NAMES). */
const TASKS: Record<string, string> = {
  一次调研视察: 'researchTrip', 一份调研报告: 'researchReport', 一本发言汇编: 'speechBook', 一部视频或课件: 'media',
  一场协商会议: 'forum', 一套意见建议: 'recommendations', 一套宣传方案: 'publicity', 一个良好成效: 'effect',
};
const TASK_STATES: Record<string, string> = { 未开始: 'todo', 进行中: 'doing', 已完成: 'done' };

export function useConsultationNoteText() {
  const { t, lang, formatDate, formatDatesIn } = useI18n();
  const day = (d: string) => (d === '—' ? t('common.none') : formatDate(d));
  const checklistPart = (part: string) => {
    if (part === '移出清单') return t('consultation.note.removed');
    if (part === '加入清单') return t('consultation.note.added');
    const [, field, value] = /^(负责|完成时限|状态)：([\s\S]*)$/.exec(part) ?? [];
    if (field === '负责') return t('consultation.note.owner', { owner: value === '—' ? t('common.none') : value! });
    if (field === '完成时限') return t('consultation.note.due', { date: day(value!) });
    if (field === '状态' && TASK_STATES[value!]) return t('consultation.note.state', { state: t(`consultation.task.state.${TASK_STATES[value!]}` as MessageKey) });
    const deliverable = /^成果 ([\s\S]+)$/.exec(part);
    return deliverable ? t('consultation.note.deliverable', { file: deliverable[1]! }) : part;
  };
  const english = (note: string): string | undefined => {
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4}-\d{2}-\d{2}) 召开$/.exec(note))) return t('consultation.note.held', { date: formatDate(m[1]) });
    if (note === '开放网络议政（先审后发）') return t('consultation.note.openedPre');
    if (note === '开放网络议政（先发后审）') return t('consultation.note.openedPost');
    if (note === '关闭网络议政') return t('consultation.note.closed');
    if ((m = /^邀请名单增加 (\d+) 人$/.exec(note))) return t('consultation.note.inviteesAdded', { n: m[1]! });
    if ((m = /^邀请名单移除 (\d+) 人$/.exec(note))) return t('consultation.note.inviteesRemoved', { n: m[1]! });
    if ((m = /^发出会议邀请 (\d+) 份$/.exec(note))) return t('consultation.note.invited', { n: m[1]! });
    if ((m = /^(\d{4}-\d{2}-\d{2}) 视察([\s\S]+)$/.exec(note))) return t('consultation.note.visit', { date: formatDate(m[1]), place: m[2]! });
    if ((m = /^建议(\d+)：([\s\S]+)$/.exec(note))) return t('consultation.rec.heading', { n: m[1]!, title: m[2]! });
    if ((m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) ([\s\S]+)；议程 (\d+) 项$/.exec(note))) {
      return t('consultation.note.meeting', { date: formatDate(m[1]), time: m[2]!, place: m[3]!, n: m[4]! });
    }
    const [, task, rest] = /^([^：]+)：([\s\S]+)$/.exec(note) ?? [];
    if (task && TASKS[task]) return `${t(`consultation.task.${TASKS[task]}` as MessageKey)}: ${rest!.split('；').map(checklistPart).join('; ')}`;
    return undefined;
  };
  return (_action: string, note: string) => (lang === 'en' ? english(note) : undefined) ?? formatDatesIn(note);
}
