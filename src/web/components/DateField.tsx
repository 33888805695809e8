// A calendar day as a form field: antd's DatePicker in the page's language, holding the API's
// YYYY-MM-DD string. It shows the day as formatDate writes it; typing YYYY-MM-DD works too.
import { useRef, useState, type CSSProperties } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { DatePicker, Typography } from 'antd';
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
  const { dateFormat, lang, t, formatDate } = useI18n();
  // A day typed outside min…max is dropped by the picker on leaving the field (the value stays as it
  // was): say so under it, or the form goes on with the old day unnoticed. The text is taken as typed
  // (the input's own value may be the old day again by the blur), and the picker is then drawn afresh
  // (`shown`) so that its box shows the day kept, not the one refused.
  const [outside, setOutside] = useState(false);
  const [shown, setShown] = useState(0);
  const typed = useRef('');
  const checkTyped = () => {
    const day = dayjs(typed.current, [dateFormat, 'YYYY-MM-DD'], lang === 'zh' ? 'zh-cn' : 'en', true);
    typed.current = '';
    const refused = day.isValid() && ((!!min && day.isBefore(min, 'day')) || (!!max && day.isAfter(max, 'day')));
    setOutside(refused);
    if (refused) setShown((n) => n + 1);
  };
  // antd's date pickers name months and weekdays through dayjs: its locale follows the page's (set
  // here, the only date picker, so that dayjs stays out of the login page's scripts).
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  const range = min && max ? t('common.dayBetween', { min: formatDate(min), max: formatDate(max) })
    : min ? t('common.dayFrom', { min: formatDate(min) }) : t('common.dayUntil', { max: formatDate(max) });
  return (
    <div onInput={(e) => { typed.current = (e.target as HTMLInputElement).value; }} onBlur={checkTyped}>
    <DatePicker
      key={shown}
      id={id}
      aria-label={rest['aria-label']}
      placeholder={placeholder}
      value={value ? dayjs(value) : null}
      onChange={(d) => { setOutside(false); onChange?.(d ? d.format('YYYY-MM-DD') : undefined); }}
      status={outside ? 'error' : undefined}
      format={[dateFormat, 'YYYY-MM-DD']}
      minDate={min ? dayjs(min) : undefined}
      maxDate={max ? dayjs(max) : undefined}
      allowClear={allowClear}
      style={{ width: '100%', ...style }}
    />
    {outside && <Typography.Text type="danger" role="alert" style={{ display: 'block', fontSize: 12 }}>{range}</Typography.Text>}
    </div>
  );
}
