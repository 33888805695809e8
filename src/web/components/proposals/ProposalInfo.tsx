// The proposal itself: who, what kind, when, the review outcome, co-signers and the body.
import { Link } from 'react-router-dom';
import { Alert, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { CheckOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import type { Proposal } from './model';
import { useProposalNumber } from './ProposalTags';

export function ProposalInfo({ p, linkBase = '/proposals' }: { p: Proposal; linkBase?: string }) {
  const { t, formatDateTime } = useI18n();
  const none = t('common.none');
  const numberOf = useProposalNumber();

  const items: DescriptionsProps['items'] = [
    { key: 'number', label: t('proposal.number'), children: numberOf(p) ?? none },
    { key: 'proposer', label: t('proposal.proposer'), children: p.proposerName },
    { key: 'kind', label: t('proposal.kind'), children: t(`proposal.kind.${p.kind}`) },
    { key: 'domain', label: t('proposal.domain'), children: p.domain ? t(`proposal.domain.${p.domain}`) : none },
  ];
  if (p.submittedAt) items.push({ key: 'submittedAt', label: t('proposal.submittedAt'), children: formatDateTime(p.submittedAt) });
  if (p.filedAt) {
    items.push({
      key: 'filedAt',
      label: t('proposal.filedAt'),
      children: (
        <Flex vertical>
          {formatDateTime(p.filedAt)}
          {p.duringSession !== null && (
            <Typography.Text type="secondary">{t(p.duringSession ? 'proposal.duringSession' : 'proposal.betweenSessions')}</Typography.Text>
          )}
        </Flex>
      ),
    });
  }
  if (p.closedAt) items.push({ key: 'closedAt', label: t('proposal.closedAt'), children: formatDateTime(p.closedAt) });
  if (p.cosigners.length) {
    items.push({
      key: 'cosigners',
      label: t('proposal.cosigners'),
      span: 'filled',
      children: (
        <Space size={4} wrap>
          {p.cosigners.map((c) => (
            <Tag
              key={`${c.memberId ?? ''}${c.name}`}
              color={c.confirmed ? 'green' : 'default'}
              icon={c.confirmed ? <CheckOutlined /> : <ClockCircleOutlined />}
            >
              {c.name} · {t(c.viaMerge ? 'proposal.cosignerViaMerge' : c.confirmed ? 'proposal.cosignerConfirmed' : 'proposal.cosignerPending')}
            </Tag>
          ))}
        </Space>
      ),
    });
  }
  if (p.decisionReason) {
    items.push({ key: 'decision', label: t('proposal.decisionReason'), span: 'filled', children: p.decisionReason });
  }
  if (p.publicationExemptReason) {
    items.push({ key: 'exempt', label: t('proposal.exemptReason'), span: 'filled', children: p.publicationExemptReason });
  }

  return (
    <>
      {p.needsMeeting && !['closed'].includes(p.state) && <Alert type="warning" showIcon title={t('proposal.needsMeeting')} />}
      {p.convertedTo && <Alert type="info" showIcon title={t('proposal.convertedTo', { to: t(`proposal.convertTo.${p.convertedTo}`) })} />}
      {p.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          title={t('proposal.mergedInto')}
          action={<Link to={`${linkBase}/${p.mergedIntoId}`}>{t('proposal.mergedIntoLink')}</Link>}
        />
      )}
      <Card title={t('proposal.section.info')} size="small">
        <Descriptions items={items} size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} />
      </Card>
      <Card title={t('proposal.section.body')} size="small">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.body}</Typography.Paragraph>
      </Card>
    </>
  );
}
