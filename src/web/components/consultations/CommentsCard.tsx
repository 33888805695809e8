// Staff's side of 网络议政 on a consultation's page: open comments (moderated before or after they
// show) or close them, open the live page, and the moderation queue, kept live by its stream.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Input, Modal, Radio, Tag, Typography } from 'antd';
import { errorText } from '../../api';
import { useI18n } from '../../i18n';
import { ExportButton } from '../ExportButton';
import { useModerate, useModerationQueue, useSaveSensitiveWords, useSensitiveWords, type Comment, type Moderation } from './comments';
import { useConsultationWrite, writes } from './queries';
import { ThemeList } from './Themes';

/** The consultation's online comments: open or close them, their themes; moderators (staff) also the held ones and the sensitive words. */
export function CommentsCard({ id, open, moderation, canOpen, canClose, canModerate }: { id: string; open: boolean; moderation: Moderation; canOpen: boolean; canClose: boolean; canModerate: boolean }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [choice, setChoice] = useState<Moderation>('post');
  const [hiding, setHiding] = useState<Comment | null>(null);
  const [reason, setReason] = useState('');
  const act = useConsultationWrite(({ action, body }: { action: string; body?: object }) => writes.act(id, action, body));
  const queue = useModerationQueue(id, open && canModerate);
  const moderate = useModerate(id);
  const run = (action: 'openComments' | 'closeComments') => act.mutate({ action, body: action === 'openComments' ? { moderation: choice } : {} }, {
    onSuccess: () => message.success(t(action === 'openComments' ? 'comments.opened' : 'comments.closedDone')),
    onError: (e) => message.error(errorText(e)),
  });
  const decide = (comment: Comment, action: 'approve' | 'hide', why?: string) => moderate.mutate({ commentId: comment.id, action, reason: why }, {
    onSuccess: () => { message.success(t(action === 'approve' ? 'comments.approved' : 'comments.hidden')); setHiding(null); setReason(''); },
    onError: (e) => message.error(errorText(e)),
  });
  const held = queue.data?.items ?? [];
  return (
    <Card size="small" title={t('comments.title')} extra={canModerate && <SensitiveWordsButton />}>
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center" justify="space-between">
          <Typography.Text>{open ? t('comments.open', { moderation: t(`comments.moderation.${moderation}`) }) : t('comments.closed')}</Typography.Text>
          {open && <Link to={`/public/consultations/${id}`}>{t('comments.livePage')}</Link>}
        </Flex>
        {canOpen && (
          <Flex gap={8} wrap align="center">
            <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as Moderation)} optionType="button"
              options={(['post', 'pre'] as const).map((m) => ({ value: m, label: t(`comments.moderation.${m}`) }))} />
            <Button type="primary" loading={act.isPending} onClick={() => run('openComments')}>{t('comments.openAction')}</Button>
          </Flex>
        )}
        {canClose && <Flex><Button danger loading={act.isPending} onClick={() => run('closeComments')}>{t('comments.closeAction')}</Button></Flex>}
        {open && (
          <>
            <Typography.Text strong>{t('themes.title')}</Typography.Text>
            <ThemeList id={id} />
          </>
        )}
        {open && canModerate && (
          <>
            <Flex gap={8} wrap align="center" justify="space-between">
              <Typography.Text strong>{t('comments.queue', { count: held.length })}</Typography.Text>
              <ExportButton href={`/api/v1/consultations/${encodeURIComponent(id)}/comments.xlsx?status=held`} total={queue.data?.total} />
            </Flex>
            {!held.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comments.queueEmpty')} /> : (
              <Flex vertical gap={8} role="list" aria-label={t('comments.queue', { count: held.length })}>
                {held.map((c) => (
                  <Flex key={c.id} vertical gap={4} role="listitem" style={{ borderBottom: '1px solid rgba(5,5,5,0.06)', paddingBottom: 8 }}>
                    <Flex gap={8} wrap align="center">
                      <Typography.Text strong>{c.authorName}</Typography.Text>
                      {c.heldFor && <Tag color={c.heldFor === 'sensitive' ? 'red' : 'blue'}>{t(`comments.heldFor.${c.heldFor}`)}</Tag>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.createdAt)}</Typography.Text>
                    </Flex>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.content}</Typography.Paragraph>
                    <Flex gap={8}>
                      <Button size="small" type="primary" loading={moderate.isPending && moderate.variables?.commentId === c.id} onClick={() => decide(c, 'approve')}>{t('comments.approve')}</Button>
                      <Button size="small" danger onClick={() => setHiding(c)}>{t('comments.hide')}</Button>
                    </Flex>
                  </Flex>
                ))}
              </Flex>
            )}
          </>
        )}
      </Flex>
      <Modal open={!!hiding} title={t('comments.hide')} onCancel={() => setHiding(null)} okText={t('comments.hide')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: moderate.isPending }}
        onOk={() => hiding && decide(hiding, 'hide', reason.trim())} destroyOnHidden>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder={t('comments.hideReason')} aria-label={t('comments.hideReason')} autoSize={{ minRows: 2 }} />
      </Modal>
    </Card>
  );
}

/** The committee's sensitive words, one a line, edited in a dialog. */
function SensitiveWordsButton() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const words = useSensitiveWords(open);
  const save = useSaveSensitiveWords();
  const shown = text ?? words.data?.words.join('\n') ?? '';
  const close = () => { setOpen(false); setText(null); };
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>{t('comments.sensitiveWords')}</Button>
      <Modal open={open} title={t('comments.sensitiveWords')} onCancel={close} okText={t('comments.save')} okButtonProps={{ loading: save.isPending, disabled: !words.data }} destroyOnHidden
        onOk={() => save.mutate(shown.split('\n').map((w) => w.trim()).filter(Boolean), {
          onSuccess: () => { message.success(t('comments.sensitiveWordsSaved')); close(); },
          onError: (e) => message.error(errorText(e)),
        })}>
        <Typography.Paragraph type="secondary">{t('comments.sensitiveWordsHint')}</Typography.Paragraph>
        <Input.TextArea value={shown} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 4, maxRows: 12 }} aria-label={t('comments.sensitiveWords')} />
      </Modal>
    </>
  );
}
