// 社情民意管理 (staff, leaders, admins): every report handed in, with filters (year and the level
// that adopted it may come in the URL: ?year=2026&adoptedLevel=province, as the dashboard links).
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { OpinionList } from '../../components/opinions/OpinionList';
import { LEVELS } from '../../components/opinions/model';

export default function OpinionsAdminPage() {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const [level, setLevel] = useState(LEVELS.find((l) => l === search.get('adoptedLevel')));
  return (
    <>
      <PageHeader title={t('nav.opinionAdmin')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('opinion.admin.intro')}</Typography.Paragraph>
      {level && (
        <Tag closable onClose={() => setLevel(undefined)} style={{ marginBottom: 8 }}>{t('opinion.adoptedAtLevel', { level: t(`opinion.level.${level}`) })}</Tag>
      )}
      <OpinionList initialYear={Number(search.get('year')) || undefined} query={level ? { adoptedLevel: level } : {}} />
    </>
  );
}
