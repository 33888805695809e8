// 延期申请: pending extension requests of lead units; staff grant or refuse each.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { ItemList } from '../../types';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { ActionModal } from '../../components/proposals/ActionModal';
import { DueDate } from '../../components/proposals/ProposalTags';
import type { ExtensionRequest } from '../../components/proposals/model';

type Decision = { request: ExtensionRequest; action: 'grantExtension' | 'refuseExtension' };

export default function ExtensionsPage() {
  const { t, formatDate, formatDateTime } = useI18n();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: [...keys.proposals, 'extensions'],
    queryFn: ({ signal }) => api.get<ItemList<ExtensionRequest>>('/api/v1/proposals/extensions', undefined, signal),
    select: (d) => d.items,
  });

  const decide = (request: ExtensionRequest, action: Decision['action']) => {
    setDecision({ request, action });
    setOpen(true);
  };
  const buttons = (r: ExtensionRequest) => (
    <Space size={8} wrap>
      <Button size="small" type="primary" onClick={() => decide(r, 'grantExtension')}>
        {t('proposal.action.grantExtension')}
      </Button>
      <Button size="small" danger onClick={() => decide(r, 'refuseExtension')}>
        {t('proposal.action.refuseExtension')}
      </Button>
    </Space>
  );
  const title = (r: ExtensionRequest) => <Link to={`/proposals/${r.proposalId}`}>{r.title}</Link>;

  const columns: TableColumnsType<ExtensionRequest> = [
    { title: t('proposal.title'), key: 'title', width: 260, render: (_, r) => title(r) },
    { title: t('proposal.board.unit'), dataIndex: 'unitName', key: 'unitName' },
    { title: t('proposal.currentDueOn'), key: 'current', render: (_, r) => <DueDate day={r.currentDueOn} /> },
    { title: t('proposal.requestedDueOn'), key: 'requested', render: (_, r) => formatDate(r.requestedDueOn) },
    { title: t('proposal.reason'), dataIndex: 'reason', key: 'reason', width: 280 },
    { title: t('proposal.requestedAt'), key: 'requestedAt', render: (_, r) => formatDateTime(r.requestedAt) },
    { title: t('common.actions'), key: 'actions', render: (_, r) => buttons(r) },
  ];

  return (
    <>
      <PageHeader title={t('nav.extensions')} extra={<ExportButton href="/api/v1/proposals/extensions.xlsx" total={list.data?.length} />} />
      <ResponsiveList<ExtensionRequest>
        items={list.data ?? []}
        rowKey="id"
        columns={columns}
        renderCard={(r) => (
          <Card size="small">
            <Flex vertical gap={4}>
              <Typography.Text strong>{title(r)}</Typography.Text>
              <Typography.Text type="secondary">{r.unitName}</Typography.Text>
              <span>
                {t('proposal.currentDueOn')}{t('common.labelSep')}<DueDate day={r.currentDueOn} />
              </span>
              <span>
                {t('proposal.requestedDueOn')}{t('common.labelSep')}{formatDate(r.requestedDueOn)}
              </span>
              <Typography.Text>
                {t('proposal.reason')}{t('common.labelSep')}{r.reason}
              </Typography.Text>
              {buttons(r)}
            </Flex>
          </Card>
        )}
        query={list}
        emptyText={t('proposal.ext.empty')}
      />
      {decision && (
        <ActionModal
          proposalId={decision.request.proposalId}
          action={decision.action}
          label={t(`proposal.action.${decision.action}`)}
          open={open}
          onClose={() => setOpen(false)}
          afterClose={() => setDecision(null)}
        />
      )}
    </>
  );
}
