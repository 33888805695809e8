// Fixed vocabularies of the org module (api.md).
export const PARTIES = ['中共', '民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟', '无党派'] as const;
export const UNIT_KINDS = ['government', 'court', 'procuratorate', 'other'] as const;
export const GENDERS = ['男', '女'] as const;
export const ORG_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
/** The unit kinds as the office names them (exports; the web app has its own strings). */
export const UNIT_KIND_NAMES: Record<string, string> = { government: '政府部门', court: '法院', procuratorate: '检察院', other: '其他' };
