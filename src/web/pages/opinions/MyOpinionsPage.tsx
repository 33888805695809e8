// 我的社情民意: my reports with their state, adoptions and 批示, and this year's progress.
import { useNavigate } from 'react-router-dom';
import { Button, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { OpinionList } from '../../components/opinions/OpinionList';
import { QuotaProgress } from '../../components/opinions/OpinionTags';
import { useOpinionSettings } from '../../components/opinions/queries';

export default function MyOpinionsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const limit = useOpinionSettings().data?.bodyLimit ?? 1500;
  return (
    <>
      <PageHeader
        title={t('nav.myOpinions')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/opinions/new')}>{t('nav.newOpinion')}</Button>}
      />
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: '-8px 0 0' }}>{t('opinion.mine.intro', { limit })}</Typography.Paragraph>
        <QuotaProgress />
        <OpinionList query={{ mine: true }} showAuthor={false} />
      </Flex>
    </>
  );
}
