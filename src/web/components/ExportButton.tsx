// "导出 Excel" and "CSV": download the table the page shows (the server's .xlsx of the same query,
// or its .csv twin).
import { Button, Flex, Space, Tooltip, Typography } from 'antd';
import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

/** The most rows the server puts in the export of a list or search (MAX_EXPORT_ROWS in src/server/core/xlsx.ts). */
export const MAX_EXPORT_ROWS = 5000;

/** The CSV twin of an export: `/x.xlsx?…` → `/x.csv?…`; another export takes format=csv. */
export const csvOf = (href: string) =>
  (/\.xlsx(\?|$)/.test(href) ? href.replace(/\.xlsx(\?|$)/, '.csv$1') : `${href}${href.includes('?') ? '&' : '?'}format=csv`);

interface Props {
  /** The .xlsx download. */
  href: string;
  /** For a list or search: how many rows match. The button says the bound, and a notice shows when it is passed. */
  total?: number;
}

export function ExportButton({ href, total }: Props) {
  const { t } = useI18n();
  const button = (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} href={href}>{t('common.exportExcel')}</Button>
      <Button href={csvOf(href)} aria-label={t('common.exportCsv')}>CSV</Button>
    </Space.Compact>
  );
  if (total === undefined) return button;
  return (
    <Flex gap={8} align="center" wrap>
      <Tooltip title={t('common.exportLimit', { limit: MAX_EXPORT_ROWS })}><span style={{ display: 'inline-flex' }}>{button}</span></Tooltip>
      {total > MAX_EXPORT_ROWS && (
        <Typography.Text type="warning" role="status">
          <WarningOutlined /> {t('common.exportTruncated', { total, limit: MAX_EXPORT_ROWS })}
        </Typography.Text>
      )}
    </Flex>
  );
}
