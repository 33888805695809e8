// The duplicate check while a member writes: proposals most like the title and body typed so far
// (GET /proposals/similar), this session's first, each with the start of its reply, so a repeat
// can be avoided; and how many near-duplicates of this session the writer may not open (other
// members' unpublished proposals: counted, not shown). A title alone is enough to start it.
import { useEffect, useState } from 'react';
import { Alert, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useSimilarProposals, useUnseenNearDuplicates } from './queries';

/** Characters typed before the check starts: a title names its issue in a few words, a body needs a sentence. */
const MIN_TITLE = 6;
const MIN_BODY = 20;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const h = setTimeout(() => setV(value), ms); return () => clearTimeout(h); }, [value, ms]);
  return v;
}

export function SimilarPanel({ title, body, excludeId }: { title?: string; body?: string; excludeId?: string }) {
  const { t } = useI18n();
  const q = useDebounced({ title: (title ?? '').trim(), text: (body ?? '').trim() }, 700);
  const ready = q.title.length >= MIN_TITLE || q.text.length >= MIN_BODY;
  const similar = useSimilarProposals({ ...q, excludeId }, ready);
  const unseen = useUnseenNearDuplicates({ ...q, excludeId }, ready).data?.thisSession ?? 0;
  if (!ready || (!similar.data?.length && !unseen)) return null;
  return (
    <>
      {unseen > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('proposal.similar.unseen', { count: unseen })} />}
      {!!similar.data?.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('proposal.similar.title')}
          description={
            <Flex vertical gap={6} role="list" aria-label={t('proposal.similar.title')}>
              {similar.data.map((s) => (
                <Flex key={s.id} vertical role="listitem">
                  <Flex gap={8} wrap align="baseline">
                    <Link to={`/proposals/${s.id}`} target="_blank">{s.title}</Link>
                    {s.thisSession && <Tag color="orange">{t('proposal.similar.thisSession')}</Tag>}
                    <Typography.Text type="secondary">{t('proposal.similar.score', { score: Math.round(s.score * 100) })}</Typography.Text>
                    {s.reply && <Tag>{t(`proposal.category.${s.reply.category}`)}</Tag>}
                  </Flex>
                  {s.reply && (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                      {t('proposal.similar.reply', { excerpt: s.reply.excerpt })}
                    </Typography.Paragraph>
                  )}
                </Flex>
              ))}
            </Flex>
          }
        />
      )}
    </>
  );
}
