// Why a liaison link exists is written by the server in Chinese (liaison/rules.ts, commands.ts:
// "同一界别：经济界", "工作人员手动调整：改派（已撤销）"). In English its known phrases are worded
// again; the names in it (sectors) stay as the committee writes them.
import { useI18n, type MessageKey } from '../../i18n';

/** The server's phrases, longest first where one holds another (均衡分配 in 跨界别均衡分配). */
const PHRASES: [string, MessageKey][] = [
  ['跨界别均衡分配', 'liaison.why.acrossSectors'],
  ['专委会委员所在界别', 'liaison.why.committeeSectors'],
  ['分工联系界别', 'liaison.why.assignedSector'],
  ['联系本界别群众', 'liaison.why.masses'],
  ['工作人员手动调整', 'liaison.why.byStaff'],
  ['同一界别', 'liaison.why.sameSector'],
  ['均衡分配', 'liaison.why.balanced'],
  ['已撤销', 'liaison.why.removed'],
  ['改派', 'liaison.why.reassigned'],
];

export function useReasonText() {
  const { t, lang } = useI18n();
  return (reason: string) => {
    if (lang !== 'en') return reason;
    let out = reason;
    for (const [zh, key] of PHRASES) out = out.split(zh).join(t(key));
    out = out.replace(/（(\d+)人）/g, (_, n: string) => ` (${t('liaison.why.people', { n })})`).replace(/（/g, ' (').replace(/）/g, ')').replace(/：/g, ': ');
    return out.charAt(0).toUpperCase() + out.slice(1);
  };
}
