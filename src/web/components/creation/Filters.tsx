// The year and county every 双创 list and figure is asked for.
import { Select } from 'antd';
import { useI18n } from '../../i18n';
import { useCounties } from '../../queries';
import { YEARS } from './model';

export interface Where { year?: number; countyOrgId?: string }

export function WhereFilters({ value, onChange }: { value: Where; onChange: (w: Where) => void }) {
  const { t } = useI18n();
  const counties = useCounties();
  return (
    <>
      <Select aria-label={t('creation.year')} style={{ width: 130 }} value={value.year ?? 0} onChange={(y: number) => onChange({ ...value, year: y || undefined })}
        options={[{ value: 0, label: t('creation.allYears') }, ...YEARS.map((y) => ({ value: y, label: String(y) }))]} />
      <Select aria-label={t('creation.county')} style={{ width: 180 }} value={value.countyOrgId ?? ''} onChange={(c: string) => onChange({ ...value, countyOrgId: c || undefined })}
        options={[{ value: '', label: t('creation.allCounties') }, ...(counties.data ?? []).map((c) => ({ value: c.id, label: c.name }))]} />
    </>
  );
}
