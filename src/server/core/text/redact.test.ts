import { describe, expect, it } from 'vitest';
import { redactContacts } from './redact.ts';

describe('redactContacts', () => {
  it('masks phones, e-mails and ID numbers and keeps the rest', () => {
    const text = '联系人张三，手机13812345678，座机 0571-87654321，邮箱 zhang.san@example.cn，身份证号 33010619800101123X，+86 139 1234 5678。我市有2500户。';
    const out = redactContacts(text);
    for (const leak of ['13812345678', '87654321', 'zhang.san@example.cn', '33010619800101123X', '139 1234 5678']) expect(out).not.toContain(leak);
    expect(out).toContain('联系人张三');
    expect(out).toContain('2500户');
  });
});
