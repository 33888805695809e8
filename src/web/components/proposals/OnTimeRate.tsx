// The on-time rate (按期率) as the statistics and the overdue board show it: a column title that says
// how it is counted (the server's timeliness.ts), and the figure.
import { Space, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';

/** A share in percent, or — when there was nothing to count. */
export const percent = (v: number | null) => (v === null ? '—' : `${v}%`);

export function OnTimeTitle() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('proposal.onTime.definition')}>
      <Space size={4} style={{ whiteSpace: 'nowrap' }}>
        {t('proposal.stats.onTimeRate')}
        <QuestionCircleOutlined aria-label={t('proposal.onTime.how')} />
      </Space>
    </Tooltip>
  );
}
