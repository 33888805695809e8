// The demo committee's library: a handful of documents in categories, generated here (a .docx with
// `docx`, a PDF with pdfkit in the reply letters' Chinese font, a spreadsheet, slides, and the seed
// speech as .txt), stored and queued exactly as an upload is (createDocument): the server's
// document runner processes them when it starts, so `npm start` shows them ready.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/client.ts';
import { toActor } from '../core/auth/tokens.ts';
import { Outbox } from '../core/outbox.ts';
import { users } from '../core/schema.ts';
import { createCategory, createDocument } from '../modules/library/commands.ts';
import { docxOf, pdfOf, pptxOf, xlsxOf } from '../modules/library/samples.ts';
import { openLibraryStorage } from '../modules/library/storage.ts';
import { FORMATS } from '../modules/library/upload.ts';
import type { DocumentAccess, DocumentFormat } from '../modules/library/schema.ts';

const SPEECH = new URL('./demo-library-speech.txt', import.meta.url);

export async function seedDemoLibrary(db: Db, config: Config, orgId: string) {
  const [staff] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.username, 'staff')));
  if (!staff) return;
  const ctx = { db, actor: toActor(staff), outbox: new Outbox(db, pino({ level: 'silent' })) };
  const storage = await openLibraryStorage(config);
  const category = async (name: string, parentId?: string) => (await createCategory(ctx, { name, parentId })).id;
  const duties = await category('履职资料');
  const speeches = await category('交流发言', duties);
  const rules = await category('制度文件');
  const consult = await category('协商议政');

  const add = async (data: Buffer, filename: string, format: DocumentFormat, access: DocumentAccess, categoryId: string, title?: string) => {
    const file = await storage.begin();
    await fs.promises.writeFile(file.tempPath, data);
    await createDocument(ctx, storage, { file, filename, format, mime: FORMATS[format].mime, size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), title, access, categoryId });
  };
  await add(fs.readFileSync(SPEECH), '2023年市政协工作典型交流发言材料.txt', 'txt', 'public', speeches, '2023年市政协工作典型交流发言材料');
  await add(await docxOf('关于开展“双联”工作的实施办法', [
    '第一条 为加强政协党的建设，密切委员与界别群众的联系，制定本办法。',
    '第二条 “双联”即政协党组成员联系相关界别党员委员，党员委员联系党外委员；主席会议成员联系常委，常委联系委员，委员联系界别群众，专委会联系界别。',
    '第三条 常态化开展“一见面一报告”：每名联系人每年至少与联系对象面对面交流一次，年终书面报告联系情况。',
    '第四条 委员联系界别群众，宣讲党的政策，收集社情民意，协调解决实际问题。',
    '第五条 机关党委负责统筹，各专委会负责组织，年终对“双联”工作进行考核。',
    '第六条 本办法自印发之日起施行。',
  ]), '双联工作实施办法.docx', 'docx', 'members', rules);
  await add(await pdfOf('2025年度协商工作计划', [
    '2025年度协商工作计划\n\n一、全体会议协商：围绕市政府工作报告和国民经济和社会发展计划开展协商。',
    '二、专题议政性常委会议：围绕推进乡村振兴、优化营商环境开展专题协商。\n\n三、双月专题协商座谈会：每两个月一次，围绕养老服务、义务教育均衡发展等议题。',
    '四、界别协商、网络议政和“协商在一线”：各界别每年至少开展一次界别协商活动。\n\n五、协商成果报送市委、市政府，并跟踪落实情况。',
  ]), '2025年度协商工作计划.pdf', 'pdf', 'public', consult);
  await add(pptxOf([
    ['关于推进养老服务体系建设的协商汇报', '双月专题协商座谈会'],
    ['一、基本情况', '全市养老机构 x 家，床位 x 张', '社区居家养老服务中心覆盖率 x%'],
    ['二、存在问题', '专业护理人员不足', '农村养老服务薄弱'],
    ['三、意见建议', '完善养老服务补贴制度', '加强护理人才培养', '推进医养结合'],
  ]), '养老服务协商汇报.pptx', 'pptx', 'public', consult);
  await add(await xlsxOf({
    委员履职统计: [['界别', '委员人数', '提交提案', '社情民意', '参加协商'], ['经济界', 32, 41, 18, 25], ['教育界', 21, 27, 12, 16], ['医药卫生界', 18, 22, 9, 14]],
  }), '委员履职统计表.xlsx', 'xlsx', 'staff', duties);
}
