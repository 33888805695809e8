// While reviewing a submitted proposal, staff see this session's open proposals most like it (filed
// and not yet answered, or just submitted) and merge it (并案) into one of the filed ones in one step.
import type { CSSProperties } from 'react';
import { App, Button, Card, Flex, Popconfirm, Tag, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { errorText } from '../../api';
import { useI18n } from '../../i18n';
import { FILED_STATES } from './model';
import type { Proposal } from './model';
import { StateTag } from './ProposalTags';
import { useProposalAction, useProposalActions, useSimilarProposals } from './queries';

export function MergeCandidates({ p, onMerged, style }: { p: Proposal; onMerged?: () => void; style?: CSSProperties }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const actions = useProposalActions(p.id);
  const canMerge = !!actions.data?.some((a) => a.action === 'merge');
  const similar = useSimilarProposals({ title: p.title, text: p.body, excludeId: p.id, scope: 'open' }, canMerge);
  const merge = useProposalAction(p.id);
  if (!canMerge || !similar.data?.length) return null;

  const mergeInto = (intoId: string) =>
    merge.mutate({ action: 'merge', body: { intoId } }, {
      onSuccess: () => {
        void message.success(t('proposal.mergeCandidates.done'));
        onMerged?.();
      },
      onError: (err) => void message.error(errorText(err)),
    });

  return (
    <Card size="small" title={t('proposal.mergeCandidates.title')} style={style}>
      <Flex vertical gap={10} role="list" aria-label={t('proposal.mergeCandidates.title')}>
        {similar.data.map((s) => (
          <Flex key={s.id} gap={8} wrap align="center" justify="space-between" role="listitem">
            <Flex gap={8} wrap align="baseline" style={{ minWidth: 0, flex: '1 1 260px' }}>
              <Link to={`/proposals/${s.id}`} target="_blank">{s.title}</Link>
              <StateTag state={s.state} />
              <Typography.Text type="secondary">{t('proposal.similar.score', { score: Math.round(s.score * 100) })}</Typography.Text>
              {s.reply && <Tag>{t(`proposal.category.${s.reply.category}`)}</Tag>}
            </Flex>
            {FILED_STATES.includes(s.state) && (
              <Popconfirm title={t('proposal.mergeCandidates.confirm', { title: s.title })} onConfirm={() => mergeInto(s.id)}>
                <Button size="small" icon={<MergeCellsOutlined />} loading={merge.isPending} aria-label={`${t('proposal.mergeCandidates.merge')} ${s.title}`}>
                  {t('proposal.mergeCandidates.merge')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
