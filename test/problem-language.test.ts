// Problems in the caller's language: Accept-Language chooses Chinese (the default) or English for
// title, detail and every field's message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { langOf } from '../src/server/core/errors.ts';
import { engines, expectProblem, multipart, proposalIn, testApp, type TestApp } from './helpers.ts';

it('reads the preferred language from Accept-Language, Chinese unless English comes first', () => {
  expect(langOf(undefined)).toBe('zh');
  expect(langOf('')).toBe('zh');
  expect(langOf('en')).toBe('en');
  expect(langOf('en-GB,en;q=0.9')).toBe('en');
  expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
  expect(langOf('fr-FR,en;q=0.5,zh;q=0.3')).toBe('en');
  expect(langOf('en;q=0.2,zh-TW;q=0.8')).toBe('zh');
  expect(langOf('de')).toBe('zh');
  expect(langOf('en;q=0')).toBe('zh');
});

describe.each(engines)('problems in the caller’s language (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await testApp(engine, { LOGIN_MAX_FAILURES: 1 }); });
  afterAll(async () => { await t?.close(); });

  const en = { 'accept-language': 'en-GB,en;q=0.9' };
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers, remoteAddress: `10.9.0.${username.length}` });

  it('a wrong password and the wait that follows, in Chinese by default and in English when asked', async () => {
    const zh = await login('member2', 'wrong-pass-1');
    expect(expectProblem(zh, 401)).toMatchObject({ title: '登录失败', detail: '用户名或密码错误' });
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.headers.vary).toContain('Accept-Language');
    const wait = await login('member2', t.fx.password);
    expect(expectProblem(wait, 429)).toMatchObject({ title: '请稍后再试', detail: '尝试次数过多，请 1 秒后再试' });

    const inEnglish = await login('leader', 'wrong-pass-1', en);
    expect(expectProblem(inEnglish, 401)).toMatchObject({ title: 'Sign-in failed', detail: 'Wrong username or password' });
    expect(inEnglish.headers['content-language']).toBe('en');
    expect(expectProblem(await login('leader', t.fx.password, en), 429))
      .toMatchObject({ title: 'Try again later', detail: 'Too many failed attempts: try again in 1 second' });
    for (const res of [zh, wait, inEnglish]) expect(res.body).not.toMatch(/Unauthorized|Locked|Too Many Requests/);
  });

  it('says a long wait in minutes', async () => {
    const { Throttled } = await import('../src/server/core/auth/throttle.ts');
    expect(new Throttled(15 * 60).detail).toEqual({ zh: '尝试次数过多，请 15 分钟后再试', en: 'Too many failed attempts: try again in 15 minutes' });
    expect(new Throttled(61).detail).toEqual({ zh: '尝试次数过多，请 2 分钟后再试', en: 'Too many failed attempts: try again in 2 minutes' });
  });

  it('validation: title, detail and each field in the chosen language', async () => {
    const staff = await t.as('staff');
    const payload = { name: '', sort: 'first', bogus: 1 };
    const zh = expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/sectors', headers: staff, payload }), 400);
    expect(zh.title).toBe('请求有误');
    expect(zh.errors).toEqual(expect.arrayContaining([
      { path: '/name', message: '不能为空' }, { path: '/sort', message: '应为整数' }, { path: '/bogus', message: '不认识的字段 bogus' },
    ]));
    expect(zh.detail).toMatch(/^输入有误：/);
    const english = expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/sectors', headers: { ...staff, ...en }, payload }), 400);
    expect(english.title).toBe('Bad Request');
    expect(english.errors).toEqual(expect.arrayContaining([
      { path: '/name', message: 'must NOT have fewer than 1 characters' }, { path: '/sort', message: 'must be integer' }, { path: '/bogus', message: 'unknown field bogus' },
    ]));
    expect(english.detail).toMatch(/^Invalid input: /);
    const page = expectProblem(await t.app.inject({ url: '/api/v1/members?pageSize=500', headers: staff }), 400);
    expect(page.errors).toEqual([{ path: '/querystring/pageSize', message: '不能大于 200' }]);
  });

  it('the generic statuses: not logged in, no such route, a body it cannot read', async () => {
    expect(expectProblem(await t.app.inject({ url: '/api/v1/members' }), 401)).toMatchObject({ title: '未登录', detail: '请先登录' });
    expect(expectProblem(await t.app.inject({ url: '/api/v1/members', headers: en }), 401)).toMatchObject({ detail: 'Please sign in' });
    expect(expectProblem(await t.app.inject({ url: '/api/v1/nothing-here', headers: await t.as('staff') }), 404)).toMatchObject({ title: '不存在', detail: '接口不存在' });
    const staff = await t.as('staff');
    const broken = { method: 'POST' as const, url: '/api/v1/sectors', payload: '{"name":', headers: { ...staff, 'content-type': 'application/json' } };
    expect(expectProblem(await t.app.inject(broken), 400).detail).toBe('JSON 格式错误');
    expect(expectProblem(await t.app.inject({ ...broken, headers: { ...broken.headers, ...en } }), 400).detail).toBe('The JSON body is malformed');
  });

  it('a proposal action: 409 not now, 403 not yours, 404 unknown to the caller, in both languages', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/proposals', headers: await t.as('member'), payload: { title: '关于语言的提案', body: '正文。', kind: 'member' } });
    const id = created.json().id as string;
    const act = async (user: string, action: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/actions/${action}`, headers: { ...await t.as(user), ...headers }, payload: {} });
    expect(expectProblem(await act('staff', 'file'), 404).detail).toBe('提案不存在');
    expect(expectProblem(await act('staff', 'file', en), 404).detail).toBe('Proposal not found');
    expect((await act('member', 'submit')).statusCode).toBe(200);
    expect(expectProblem(await act('member', 'file'), 403).detail).toBe('您无权对此提案执行“立案”');
    expect(expectProblem(await act('member', 'file', en), 403).detail).toBe('“File” is not yours to do on this proposal');
    expect((await act('staff', 'file')).statusCode).toBe(200);
    expect(expectProblem(await act('staff', 'file'), 409)).toMatchObject({ title: '无法执行', detail: '此提案当前为“已立案”，不能立案' });
    expect(expectProblem(await act('staff', 'file', en), 409)).toMatchObject({ title: 'Conflict', detail: 'This proposal is “filed”: “File” is not possible now' });
    expect(expectProblem(await act('staff', 'publish', en), 409).detail).toBe('This proposal is “filed”: “Publish” is not possible now');
  });

  it('a consultation refused names the object and its step, in both languages (not its ids)', async () => {
    const staff = await t.as('staff');
    const made = await t.app.inject({ method: 'POST', url: '/api/v1/consultations', headers: staff, payload: { title: '关于语言的协商', kind: 'bimonthly', year: 2031 } });
    expect(made.statusCode, made.body).toBe(201);
    const act = (action: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: `/api/v1/consultations/${made.json().id}/actions/${action}`, headers: { ...staff, ...headers }, payload: {} });
    expect(expectProblem(await act('convene'), 409).detail).toBe('此协商活动当前为“开门式选题”，不能召开协商');
    expect(expectProblem(await act('convene', en), 409).detail).toBe('This consultation is “open topic selection”: “Convene” is not possible now');
  });

  /** The same request in Chinese (the default) and in English: the problem's detail and field messages in each. */
  const both = async (status: number, request: (headers: Record<string, string>) => Promise<Parameters<typeof expectProblem>[0]>) => {
    const [zh, english] = [expectProblem(await request({}), status), expectProblem(await request(en), status)];
    return { zh: { detail: zh.detail, errors: zh.errors }, en: { detail: english.detail, errors: english.errors } };
  };

  it('opinions: staff must name the member a report is for', async () => {
    const staff = await t.as('staff');
    expect(await both(422, (h) => t.app.inject({ method: 'POST', url: '/api/v1/opinions', headers: { ...staff, ...h }, payload: { title: '关于语言的信息', body: '正文。' } }))).toEqual({
      zh: { detail: '/authorMemberId：请选择这篇信息的作者委员', errors: [{ path: '/authorMemberId', message: '请选择这篇信息的作者委员' }] },
      en: { detail: '/authorMemberId: name the member the report is for', errors: [{ path: '/authorMemberId', message: 'name the member the report is for' }] },
    });
  });

  it('selection: a level key given twice', async () => {
    const staff = await t.as('staff');
    const level = (key: string) => ({ key, name: key, actor: 'staff', quota: null });
    const payload = { year: 2026, name: '语言', levels: [level('a'), level('a')] };
    expect(await both(422, (h) => t.app.inject({ method: 'POST', url: '/api/v1/selections', headers: { ...staff, ...h }, payload }))).toEqual({
      zh: { detail: '/levels/1/key：重复', errors: [{ path: '/levels/1/key', message: '重复' }] },
      en: { detail: '/levels/1/key: appears twice', errors: [{ path: '/levels/1/key', message: 'appears twice' }] },
    });
  });

  it('attachments: a file that is not a document, sheet, slide deck, PDF or image', async () => {
    const id = await proposalIn(t, 'handling', '关于附件语言的提案');
    const unitA = await t.as('unitA');
    const upload = (h: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/attachments`, ...multipart(Buffer.from('plain text'), 'notes.txt', { ...unitA, ...h }) });
    expect(await both(400, upload)).toEqual({
      zh: { detail: '只能上传 PDF、Word、Excel、PowerPoint 或图片', errors: [{ path: '/file', message: '不支持的文件类型' }] },
      en: { detail: 'Only PDF, Word, Excel, PowerPoint files and images', errors: [{ path: '/file', message: 'unsupported content' }] },
    });
  });

  it('roster import: a file that is not an .xlsx workbook', async () => {
    const staff = await t.as('staff');
    const upload = (h: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/members/import', ...multipart(Buffer.from('姓名,党派\n张,中共'), 'roster.xlsx', { ...staff, ...h }) });
    expect(await both(400, upload)).toEqual({
      zh: { detail: '此文件不是 .xlsx 工作簿', errors: [{ path: '/file', message: '请上传 Excel 的 .xlsx 文件（可先下载导入模板）' }] },
      en: { detail: 'The file is not an .xlsx workbook', errors: [{ path: '/file', message: 'upload an Excel .xlsx file (the template is one)' }] },
    });
  });

  it('liaison: a period that ends before it starts', async () => {
    const staff = await t.as('staff');
    expect(await both(422, (h) => t.app.inject({ url: '/api/v1/liaison/counters?from=2026-06-01&to=2026-01-01', headers: { ...staff, ...h } }))).toEqual({
      zh: { detail: '/to：不能早于开始日期', errors: [{ path: '/to', message: '不能早于开始日期' }] },
      en: { detail: '/to: must not be before the start date', errors: [{ path: '/to', message: 'must not be before the start date' }] },
    });
  });
});
