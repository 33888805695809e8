import crypto from 'node:crypto';
import { Type } from 'typebox';
import { forbidden, invalid, say } from '../errors.ts';

// The password policy, stated on every form that sets a password (the web app words it the same):
// 8 to 200 characters, letters and digits both, not the username. The length is the schema's;
// the rest is checked here, as 422 naming the field.

export const Password = Type.String({ minLength: 8, maxLength: 200 });

/** A generated password that meets the policy (to be shown once, and changed at first login). */
export function newPassword(): string {
  for (;;) {
    const p = crypto.randomBytes(12).toString('base64url');
    if (/[A-Za-z]/.test(p) && /\d/.test(p)) return p;
  }
}

/** Throws 422 at `path` when `password` breaks the policy for this username. */
export function checkPasswordPolicy(path: string, password: string, username: string) {
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) throw invalid(path, say('须同时包含字母和数字', 'must contain both letters and digits'));
  if (password.toLowerCase() === username.toLowerCase()) throw invalid(path, say('不能与用户名相同', 'must not be the username'));
}

/** 403 to a user whose password an administrator set, for anything but choosing their own (app.ts). */
export const passwordChangeRequired = () =>
  forbidden(say('管理员重置了您的密码，请先设置新密码', 'An administrator reset your password: choose a new one first'));
