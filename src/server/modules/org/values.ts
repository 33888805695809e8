// Fixed vocabularies of the org module (api.md).
export const PARTIES = ['中共', '民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟', '无党派'] as const;
export const UNIT_KINDS = ['government', 'court', 'procuratorate', 'other'] as const;
export const GENDERS = ['男', '女'] as const;
export const ORG_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
