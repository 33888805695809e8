// 自荐 / 推荐提案: while the first level runs, a member nominates their own replied or closed
// proposals of the round's year (staff any), each with a reason; below, what is already nominated,
// which the proposer may withdraw (staff any) until the first level closes.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, List, Popconfirm, Result, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { problemText } from '../../components/formErrors';
import { StateTag } from '../../components/proposals/ProposalTags';
import type { ProposalState } from '../../components/proposals/model';
import { FormModal } from '../../components/selection/FormModal';
import type { Eligible, Entry } from '../../components/selection/model';
import { useEligible, useEntries, useRound, useSelectionWrite, writes } from '../../components/selection/queries';

function NominateModal({ roundId, proposal, onClose }: { roundId: string; proposal: Eligible | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormModal<{ reason: string }>
      title={t('selection.nominate.of', { title: proposal?.title ?? '' })}
      open={!!proposal}
      onClose={onClose}
      done={t('selection.nominate.done')}
      submit={({ reason }) => writes.nominate(roundId, { proposalId: proposal!.id, reason })}
    >
      <Form.Item name="reason" label={t('selection.nominate.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('selection.nominate.reason') }) }]}>
        <Input.TextArea rows={4} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}

function WithdrawButton({ roundId, entry }: { roundId: string; entry: Entry }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const withdraw = useSelectionWrite(() => writes.withdraw(roundId, entry.id));
  return (
    <Popconfirm
      title={t('selection.withdraw.confirm', { title: entry.title })}
      okText={t('proposal.form.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={() => withdraw.mutate(undefined, { onSuccess: () => message.success(t('selection.withdraw.done')), onError: (err) => message.error(problemText(err)) })}
    >
      <Button size="small" danger loading={withdraw.isPending} aria-label={`${t('selection.withdraw')} ${entry.title}`}>{t('selection.withdraw')}</Button>
    </Popconfirm>
  );
}

export default function NominatePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Eligible | null>(null);
  const round = useRound(id);
  const eligible = useEligible(id, q);
  const nominated = useEntries(id, 1);
  const staff = hasRole('staff');

  if (round.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (round.isError) {
    if (round.error instanceof ApiError && round.error.status === 404) return <Result status="404" title={t('selection.notFound')} />;
    return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  }
  const r = round.data;
  const open = r.state === 'open' && r.currentLevel === 1;
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(`/selections/${r.id}`)} />;
  return (
    <>
      <PageHeader back={back} title={t('selection.nominate.title', { name: r.name })} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('selection.nominate.intro', { year: r.year })}</Typography.Paragraph>
      <Flex vertical gap={16}>
        {!open && <Alert type="info" showIcon title={t('selection.nominate.closedNow')} />}
        {open && (
          <Card title={t(staff ? 'selection.nominate.staff' : 'selection.nominate')} extra={staff && <Input.Search allowClear placeholder={t('selection.nominate.search')} onSearch={setQ} style={{ maxWidth: 260 }} />}>
            {eligible.isError && <QueryError error={eligible.error} onRetry={() => void eligible.refetch()} />}
            <List
              loading={eligible.isFetching}
              dataSource={eligible.data?.items ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selection.nominate.empty')} /> }}
              renderItem={(p) => (
                <List.Item actions={[<Button key="go" type="primary" size="small" aria-label={`${t('selection.nominate.action')} ${p.title}`} onClick={() => setPicked(p)}>{t('selection.nominate.action')}</Button>]}>
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Link to={`/proposals/${p.id}`}>{p.title}</Link>
                    <Flex gap={8} wrap align="center">
                      <StateTag state={p.state as ProposalState} />
                      <Typography.Text type="secondary">{p.proposerName}</Typography.Text>
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        )}
        <Card title={t('selection.nominate.mine')}>
          <List
            loading={nominated.isFetching}
            dataSource={nominated.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selection.entry.empty')} /> }}
            renderItem={(e) => (
              <List.Item actions={e.mayWithdraw ? [<WithdrawButton key="withdraw" roundId={r.id} entry={e} />] : []}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Typography.Text strong>{e.title}</Typography.Text>
                  <Typography.Text type="secondary">
                    <Tag>{t(e.nominatedAs === 'self' ? 'selection.entry.self' : 'selection.entry.staff')}</Tag>
                    {e.reason}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      </Flex>
      <NominateModal roundId={r.id} proposal={picked} onClose={() => setPicked(null)} />
    </>
  );
}
