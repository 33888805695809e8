import { describe, expect, it } from 'vitest';
import { redactContacts } from './redact.ts';

// Contact details as people write them in proposals and replies: each must come out masked.
const CONTACTS: [string, string][] = [
  ['手机13812345678。', '13812345678'],
  ['手机 138 1234 5678。', '138 1234 5678'],
  ['手机138-1234-5678', '138-1234-5678'],
  ['手机139.1234.5678', '139.1234.5678'],
  ['手机１３９１２３４５６７８', '１３９１２３４５６７８'],
  ['手机１３９－１２３４－５６７８', '１３９－１２３４－５６７８'],
  ['+86 139 1234 5678', '139 1234 5678'],
  ['(+86)13912345678', '13912345678'],
  ['008613912345678', '13912345678'],
  ['座机0571-87654321', '87654321'],
  ['座机 0571 8765 4321', '8765 4321'],
  ['(0571)87654321', '87654321'],
  ['（0571）87654321', '87654321'],
  ['（０５７１）８７６５４３２１', '８７６５４３２１'],
  ['010-6512 3456', '6512 3456'],
  ['联系电话：8765 4321', '8765 4321'],
  ['QQ：123456789', '123456789'],
  ['身份证号33010619800101123X', '33010619800101123X'],
  ['身份证号 330106198001011234。', '330106198001011234'],
  ['身份证号330106 19800101 123x', '330106 19800101 123x'],
  ['身份证号３３０１０６１９８００１０１１２３Ｘ', '３３０１０６１９８００１０１１２３Ｘ'],
  ['邮箱 zhang.san@example.cn，', 'zhang.san@example.cn'],
  ['邮箱zhang_san＠example.com.cn', 'example.com'],
  ['邮箱 zhangsan＠ｅｘａｍｐｌｅ．ｃｎ', 'zhangsan'],
  ['e-mail: zhangsan at example dot com', 'zhangsan at example'],
  ['e-mail: zhangsan [at] example.org', 'zhangsan [at] example'],
  ['e-mail: zhangsan(at)example.org', 'zhangsan(at)'],
];

// What must stay as written: years, dates, numbers of proposals and amounts, hotlines.
const KEEP = [
  '2026年', '2026-01-09', '2026.01.09', '2025年12月31日', '第123号', '第0123号', '第五届第三次会议 第0001号', '2500户',
  '1.5亿元', '3,200万元', '投资 12000000 元', '1399元', '拨打12345热线', '建设 138 个社区', '增长13.5%', '0.5%',
  '1234567', '面积 0571 亩', 'GB/T 9704-2012', '社情民意〔2026〕第12期', '提案人：张三',
];

describe('redactContacts', () => {
  it.each(CONTACTS)('masks %s', (text, leak) => {
    const out = redactContacts(text);
    expect(out).not.toContain(leak);
    expect(out).toMatch(/\[(电话|邮箱|身份证号)已隐去\]/);
  });

  it.each(KEEP)('keeps %s', (text) => {
    expect(redactContacts(text)).toBe(text);
  });

  it('masks every detail of a paragraph and keeps the rest', () => {
    const text = '联系人张三，手机13812345678，座机 0571-87654321，邮箱 zhang.san@example.cn，身份证号 33010619800101123X，+86 139 1234 5678。我市有2500户。';
    const out = redactContacts(text);
    for (const leak of ['13812345678', '87654321', 'zhang.san@example.cn', '33010619800101123X', '139 1234 5678']) expect(out).not.toContain(leak);
    expect(out).toContain('联系人张三');
    expect(out).toContain('2500户');
  });

});
