// Contact details never appear in what is published: mobile and landline numbers, e-mail
// addresses and resident ID numbers are masked.

const PATTERNS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[邮箱已隐去]'],
  [/(?<!\d)\d{6}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx](?!\d)/g, '[身份证号已隐去]'],
  [/(?<!\d)(\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g, '[电话已隐去]'],
  [/(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)/g, '[电话已隐去]'],
];

export function redactContacts(text: string): string {
  return PATTERNS.reduce((s, [re, mask]) => s.replace(re, mask), text);
}
