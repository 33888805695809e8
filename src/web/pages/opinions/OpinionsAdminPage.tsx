// 社情民意管理 (staff, leaders, admins): every report handed in, with filters.
import { Typography } from 'antd';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { OpinionList } from '../../components/opinions/OpinionList';

export default function OpinionsAdminPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('nav.opinionAdmin')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('opinion.admin.intro')}</Typography.Paragraph>
      <OpinionList />
    </>
  );
}
