// A calendar day as a form field: antd's DatePicker in the page's language, holding the API's
// YYYY-MM-DD string. It shows the day as formatDate writes it; typing YYYY-MM-DD works too.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { CSSProperties } from 'react';
import { DatePicker } from 'antd';
import { useI18n } from '../i18n';

interface Props {
  id?: string;
  value?: string;
  onChange?: (day: string | undefined) => void;
  /** The first and last days that may be picked (YYYY-MM-DD). */
  min?: string;
  max?: string;
  'aria-label'?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}

export function DateField({ id, value, onChange, min, max, allowClear = false, style, placeholder, ...rest }: Props) {
  const { dateFormat, lang } = useI18n();
  // antd's date pickers name months and weekdays through dayjs: its locale follows the page's (set
  // here, the only date picker, so that dayjs stays out of the login page's scripts).
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <DatePicker
      id={id}
      aria-label={rest['aria-label']}
      placeholder={placeholder}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      format={[dateFormat, 'YYYY-MM-DD']}
      minDate={min ? dayjs(min) : undefined}
      maxDate={max ? dayjs(max) : undefined}
      allowClear={allowClear}
      style={{ width: '100%', ...style }}
    />
  );
}
