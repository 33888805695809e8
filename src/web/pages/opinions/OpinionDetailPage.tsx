// 社情民意详情: the report, its adoptions, 批示 and history, and the buttons of what the reader may do now.
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { OriginLink } from '../../components/OriginLink';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { OpinionActions } from '../../components/opinions/OpinionActions';
import { OpinionStateTag } from '../../components/opinions/OpinionTags';
import { OpinionView } from '../../components/opinions/OpinionView';
import { useOpinion } from '../../components/opinions/queries';
import { editableBy } from '../../components/opinions/model';
import { useOpinionNumber } from '../../components/opinions/numberText';

export default function OpinionDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const numberOf = useOpinionNumber();
  const { hasRole, user } = useAuth();
  const navigate = useNavigate();
  const report = useOpinion(id);
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />;

  if (report.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.status === 404) {
      return <Result status="404" title={t('opinion.notFound')} subTitle={t('opinion.notFoundDetail')} extra={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
    }
    return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  }
  const o = report.data;
  return (
    <>
      <PageHeader
        back={back}
        title={o.title}
        extra={
          <>
            {editableBy(o, hasRole('staff'), user?.memberId ?? null) && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/opinions/${o.id}/edit`)}>{t('opinion.edit')}</Button>
            )}
            <OpinionActions opinion={o} />
          </>
        }
      />
      <Flex wrap gap={8} align="center" role="group" aria-label={t('opinion.stateLine')} style={{ marginTop: -8, marginBottom: 16 }}>
        <OpinionStateTag state={o.state} />
        {o.sourceProposalId && <Tag style={{ marginInlineEnd: 0 }}>{t('opinion.fromProposal')}</Tag>}
        <OriginLink origin={o.origin} />
        {o.enteredByStaff && <Tag style={{ marginInlineEnd: 0 }}>{t('opinion.enteredByStaff')}</Tag>}
        {o.numberLabel && <Typography.Text type="secondary">{numberOf(o)}</Typography.Text>}
      </Flex>
      <OpinionView o={o} />
    </>
  );
}
