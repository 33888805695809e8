// Strings of the password forms (my account, the forced change after an administrator's reset, the
// users page); merged into i18n.ts. The English table is typed against the Chinese one.

export const accountZh = {
  'password.title': '修改密码',
  'password.intro': '修改后，您在其他设备上的登录将退出，API 令牌将被吊销；本次登录保持有效。',
  'password.current': '当前密码',
  'password.temporary': '管理员给您的临时密码',
  'password.new': '新密码',
  'password.confirm': '再次输入新密码',
  'password.policy': '8–200 位，须同时包含字母和数字，不能与用户名相同。',
  'password.tooShort': '至少 8 位',
  'password.needsBoth': '须同时包含字母和数字',
  'password.notUsername': '不能与用户名相同',
  'password.mismatch': '两次输入的新密码不一致',
  'password.submit': '修改密码',
  'password.changed': '密码已修改',
  'password.forcedTitle': '请设置新密码',
  'password.forcedIntro': '管理员重置了您的密码。请先设置您自己的新密码，之后才能继续使用。',
  'user.temporaryPassword': '临时密码（留空则不修改）',
  'user.temporaryHint': '用户下次登录后须立即修改为自己的密码。',
  'user.mustChange': '须修改密码',
} as const;

export const accountEn: Record<keyof typeof accountZh, string> = {
  'password.title': 'Change password',
  'password.intro': 'Afterwards your sign-ins on other devices end and your API tokens are revoked; this sign-in stays.',
  'password.current': 'Current password',
  'password.temporary': 'Temporary password from the administrator',
  'password.new': 'New password',
  'password.confirm': 'New password again',
  'password.policy': '8–200 characters, both letters and digits, not your username.',
  'password.tooShort': 'At least 8 characters',
  'password.needsBoth': 'Use both letters and digits',
  'password.notUsername': 'Must not be the username',
  'password.mismatch': 'The two new passwords differ',
  'password.submit': 'Change password',
  'password.changed': 'Password changed',
  'password.forcedTitle': 'Choose a new password',
  'password.forcedIntro': 'An administrator reset your password. Choose your own before you go on.',
  'user.temporaryPassword': 'Temporary password (leave empty to keep)',
  'user.temporaryHint': 'The user must change it to their own right after signing in.',
  'user.mustChange': 'Must change password',
};
