// "导出 Excel": downloads the table the page shows (the server's .xlsx of the same query).
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

export function ExportButton({ href }: { href: string }) {
  const { t } = useI18n();
  return (
    <Button icon={<DownloadOutlined />} href={href}>
      {t('common.exportExcel')}
    </Button>
  );
}
