// The opinions collected at a contact: each turns into a 社情民意 or proposal draft in one step
// (a title is all it asks), or links to the draft it became.
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { Button, Flex, Form, Input, List, Typography } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { FormModal } from '../FormModal';
import type { CollectedOpinion } from './model';
import { useLiaisonWrite } from './queries';

type Target = 'opinion' | 'proposal';

/** A title from the opinion's first words. */
const suggestTitle = (content: string) => {
  const first = content.split(/[。；;\n]/)[0]!.trim();
  return [...first].slice(0, 40).join('');
};

function ConvertModal({ opinion, to, onClose }: { opinion: CollectedOpinion; to: Target; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const convert = useLiaisonWrite((v: { title: string }) =>
    api.post<CollectedOpinion>(`/api/v1/liaison/opinions/${opinion.id}/convert`, { to, title: v.title.trim() }));
  return (
    <FormModal<{ title: string }, CollectedOpinion>
      title={t(to === 'opinion' ? 'liaison.opinion.toOpinion' : 'liaison.opinion.toProposal')}
      open
      onClose={onClose}
      submit={convert.mutateAsync}
      submitting={convert.isPending}
      done={t('liaison.opinion.converted')}
      onDone={(r) => navigate(r.opinionId ? `/opinions/${r.opinionId}` : `/proposals/${r.proposalId}`)}
      initialValues={{ title: suggestTitle(opinion.content) }}
      intro={<Typography.Paragraph type="secondary">{opinion.content}</Typography.Paragraph>}
    >
      <Form.Item name="title" label={t('liaison.opinion.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('liaison.opinion.title') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

export function CollectedOpinions({ opinions, canConvert }: { opinions: CollectedOpinion[]; canConvert: boolean }) {
  const { t } = useI18n();
  const [converting, setConverting] = useState<{ opinion: CollectedOpinion; to: Target } | null>(null);
  return (
    <>
      <List
        size="small"
        dataSource={opinions}
        locale={{ emptyText: t('common.none') }}
        renderItem={(o) => (
          <List.Item>
            <Flex vertical gap={6} style={{ width: '100%' }}>
              <Typography.Text>{o.content}</Typography.Text>
              <Flex wrap gap={8}>
                {o.opinionId && <RouterLink to={`/opinions/${o.opinionId}`}>{t('liaison.opinion.openOpinion')}</RouterLink>}
                {o.proposalId && <RouterLink to={`/proposals/${o.proposalId}`}>{t('liaison.opinion.openProposal')}</RouterLink>}
                {canConvert && !o.opinionId && !o.proposalId && (
                  <>
                    <Button size="small" onClick={() => setConverting({ opinion: o, to: 'opinion' })}>{t('liaison.opinion.toOpinion')}</Button>
                    <Button size="small" onClick={() => setConverting({ opinion: o, to: 'proposal' })}>{t('liaison.opinion.toProposal')}</Button>
                  </>
                )}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      {converting && <ConvertModal opinion={converting.opinion} to={converting.to} onClose={() => setConverting(null)} />}
    </>
  );
}
