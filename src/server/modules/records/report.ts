import { chineseDate, committeeShortName, type LetterContent } from '../handling/letter.ts';
import { today } from '../handling/deadlines.ts';
import { KIND_NAMES, variantName } from './labels.ts';
import type { MemberRecord } from './queries.ts';
import { GRADE_NAMES, KINDS } from './rules.ts';

// 述职报告: the member's yearly duty report drafted from their record, in the same official layout
// as the reply letters (handling/letter.ts renders it), for the member to download and finish.

const GROUPS: { heading: string; kinds: string[] }[] = [
  { heading: '提出提案', kinds: ['proposalLead', 'proposalCosign', 'proposalFiled', 'proposalFiledCosign', 'proposalKey', 'proposalExcellent'] },
  { heading: '反映社情民意', kinds: ['opinionSubmitted', 'opinionAdopted'] },
  { heading: '联系界别群众（双联）', kinds: ['liaisonContact', 'liaisonReport', 'liaisonMeeting'] },
  { heading: '参加会议和协商议政', kinds: ['meetingAttended', 'meetingLeave', 'meetingAbsent', 'meetingSpeech', 'topicProposed', 'commentPosted', 'supervisionVisit', 'roomSession'] },
  { heading: '双创和党建活动', kinds: ['creationProject', 'creationHonour', 'creationActivity', 'partyActivity', 'campaignIdea', 'campaignIdeaAdopted'] },
];
const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
for (const k of KINDS) if (!GROUPS.some((g) => g.kinds.includes(k))) throw new Error(`述职报告: no group for ${k}`);

export function dutyReport(r: MemberRecord, org: { name: string; level: string }): LetterContent {
  const committee = committeeShortName(org.name, org.level);
  const title = `${r.member.name}委员${r.year}年度履职报告`;
  const paragraphs = [
    `${r.year}年，本人作为${committee}委员（${r.member.sectorName}），按照委员履职的有关要求，现将一年来的履职情况报告如下：`,
  ];
  let n = 0;
  for (const g of GROUPS) {
    const entries = r.entries.filter((e) => g.kinds.includes(e.kind));
    if (!entries.length) continue;
    const counts = g.kinds.filter((k) => r.byKind[k]).map((k) => `${KIND_NAMES[k]}${r.byKind[k]!.count}项`);
    paragraphs.push(`${NUMBERS[n++]}、${g.heading}。全年${counts.join('，')}。`);
    for (const e of [...entries].reverse()) {
      const v = variantName(e.kind, e.variant);
      const about = e.subject.title || e.title;
      paragraphs.push(`${e.occurredOn}，${KIND_NAMES[e.kind] ?? e.kind}${v ? `（${v}）` : ''}${about ? `：${about}` : ''}。`);
    }
  }
  if (!n) paragraphs.push('本年度暂无履职记录。');
  paragraphs.push(`${NUMBERS[n]}、存在的不足和今后的打算。（请委员本人填写）`);
  const rank = r.rank.sector;
  return {
    title, salutation: `${committee}：`, paragraphs,
    category: `全年履职积分${r.points}分，等级${GRADE_NAMES[r.grade]}，在${r.member.sectorName}${rank.size}名委员中排第${rank.rank}名。`,
    closing: [`委员：${r.member.name}`, chineseDate(today())],
    meta: { author: r.member.name, subject: title },
  };
}
