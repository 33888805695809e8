// Strings of the login page and of what the entry chunk shows before any other page has loaded (the
// language switch, the error page of a chunk that failed, the guards): in the entry, so the login
// form needs no other. Every other string comes with the first page that needs it (i18n.ts).

export const shellZh = {
  'app.name': '同心',
  'app.tagline': '政协委员履职平台',
  'lang.switch': '语言',
  'lang.zh': '中文',
  'lang.en': 'English',
  'common.none': '—',
  'common.loading': '加载中…',
  'common.loadFailed': '加载失败',
  'common.retry': '重试',
  'common.backHome': '返回首页',
  'common.crashed': '页面出错了，请刷新后重试。',
  'common.reload': '刷新页面',
  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.failed': '登录失败',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.committee': '所属政协',
  'login.chooseCommittee': '该用户名在多个政协都有账号，请选择要登录的政协',
  'login.committeeRequired': '请选择政协',
  'register.link': '没有账号？注册网民账号',
  'nav.publicHome': '公开信息首页',
  'nav.publicProposals': '公开提案',
  'nav.publicConsultations': '协商公开',
  'forbidden.title': '无权访问',
  'forbidden.detail': '您的角色不能使用此页面。',
} as const;
