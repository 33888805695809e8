// In a real browser: staff upload a .docx to the library; a visitor who is not logged in opens it
// on a phone (390 px), reads the preview pages and meets 登录后继续阅读 past them, which leads to the login.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxOf } from '../../src/server/modules/library/samples.ts';
import { renderers } from '../../src/server/modules/library/tools.ts';
import { see, startE2E, type E2E } from './browser.ts';
import { button, dialog, logInAs, main, pick, toast } from './ui.ts';

const TITLE = '关于加强界别协商的工作报告';
const PARAGRAPHS = Array.from({ length: 120 }, (_, i) =>
  `${i + 1}．界别协商是人民政协协商民主的重要形式。委员联系界别群众，围绕经济社会发展的重点难点问题深入调研，提出意见建议，推动协商成果转化落实，不断提高协商质量和水平。`.repeat(2));

describe('library journey', () => {
  let e2e: E2E;
  let file: string;
  beforeAll(async () => {
    e2e = await startE2E();
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-library-')), `${TITLE}.docx`);
    fs.writeFileSync(file, await docxOf(TITLE, PARAGRAPHS));
  });
  afterAll(async () => { await e2e?.close(); });

  it('staff upload a .docx; a visitor on a phone reads its first pages and is asked to log in to read on', { timeout: 180_000 }, async (test) => {
    const staff = await logInAs(e2e, test, 'staff');
    await staff.goto('/library');
    await main(staff).getByRole('button', { name: '上传文档' }).click(); // (its name starts with the icon's)
    const upload = dialog(staff, '上传文档');
    await upload.locator('input[type=file]').setInputFiles(file);
    await pick(staff, upload.getByRole('combobox', { name: '可见范围' }), '公开');
    await button(upload, '上传文档').click();
    await toast(staff, '已上传，正在处理');
    await e2e.t.app.library.runner.runDue(); // (the upload started it; this waits for it to end)

    const visitor = await e2e.page(test, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visitor.goto('/library');
    await main(visitor).getByRole('link', { name: TITLE }).click();
    await see(main(visitor).getByRole('heading', { name: TITLE }));
    await see(main(visitor).getByText('TX-', { exact: false }).first());
    await see(main(visitor).getByText('第1页 / 共', { exact: false }));
    await see(main(visitor).getByText('第3页 / 共', { exact: false }));
    expect(await main(visitor).getByText('第4页 / 共', { exact: false }).count()).toBe(0);
    const tools = renderers();
    if (tools.soffice && tools.pdftoppm) {
      // Page images, lazy, each with its page's text for screen readers.
      const images = main(visitor).locator('img[loading="lazy"]');
      expect(await images.count()).toBe(3);
      expect(await images.first().getAttribute('alt')).toContain('界别协商');
    } else {
      await see(main(visitor).getByText('本服务器未安装页面渲染工具，以文字预览', { exact: true }));
    }
    await see(main(visitor).getByText('到这儿已超出免费预览范围', { exact: false }));
    await button(main(visitor), '展开全文').click();
    await button(main(visitor), '登录后继续阅读').click();
    await see(visitor.getByRole('button', { name: '登录' }));
    expect(new URL(visitor.url()).pathname).toBe('/login');
  });
});
