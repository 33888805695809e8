// 联系记录: one contact on a link, the opinions collected and the drafts they became.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { CollectedOpinions } from '../../components/liaison/CollectedOpinions';
import { ContactFormModal } from '../../components/liaison/ContactFormModal';
import { KindTag } from '../../components/liaison/LinkTags';
import { targetName } from '../../components/liaison/model';
import { useContact, useLiaisonWrite } from '../../components/liaison/queries';

export default function ContactDetailPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { user, hasRole } = useAuth();
  const navigate = useNavigate();
  const contact = useContact(id);
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const remove = useLiaisonWrite(() => api.del(`/api/v1/liaison/contacts/${encodeURIComponent(id)}`));
  const onDelete = () => remove.mutateAsync(undefined).then(() => {
    void message.success(t('liaison.contact.deleted'));
    navigate(user?.memberId && user.memberId === contact.data?.link.fromMemberId ? '/liaison/mine' : '/liaison', { replace: true });
  }, (err: unknown) => { void message.error(err instanceof Error ? err.message : String(err)); });
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />;

  if (contact.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (contact.isError) {
    if (contact.error instanceof ApiError && contact.error.status === 404) return <Result status="404" title={t('liaison.contact.notFound')} extra={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
    return <QueryError error={contact.error} onRetry={() => void contact.refetch()} />;
  }
  const c = contact.data;
  const from = c.link.fromName ?? c.link.committeeName ?? '';
  const to = targetName(c.link, (sector) => t('liaison.massesOf', { sector }), c.link.kind);
  const canConvert = (!!user?.memberId && user.memberId === c.link.fromMemberId) || hasRole('staff');
  return (
    <>
      <PageHeader back={back} title={`${t('liaison.contact.title')} · ${t('liaison.contact.of', { from, to })}`} extra={c.mayEdit && (
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('liaison.contact.edit')}</Button>
          {c.mayDelete && (
            <Popconfirm title={t('liaison.contact.deleteConfirm')} okText={t('liaison.contact.delete')} okButtonProps={{ danger: true }} onConfirm={onDelete}>
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>{t('liaison.contact.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      )} />
      {editing && <ContactFormModal link={c.link} contact={c} open onClose={() => setEditing(false)} />}
      <Flex vertical gap={16}>
        {c.mayEdit && !c.mayDelete && <Typography.Text type="secondary">{t('liaison.contact.keptForDrafts')}</Typography.Text>}
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} items={[
          { key: 'kind', label: t('liaison.kind'), children: <KindTag kind={c.link.kind} /> },
          { key: 'date', label: t('liaison.contact.date'), children: `${formatDate(c.date)} · ${t(`liaison.channel.${c.channel}`)}` },
          { key: 'participants', label: t('liaison.contact.participants'), children: c.participants },
          { key: 'policyTalk', label: t('liaison.contact.policyTalk'), children: t(c.policyTalk ? 'common.yes' : 'common.no') },
          ...(c.link.kind === 'masses' ? [{ key: 'masses', label: t('liaison.contact.massesReached'), children: c.massesReached }] : []),
          { key: 'topics', label: t('liaison.contact.topics'), children: c.topics, span: 2 },
          { key: 'problems', label: t('liaison.contact.problems'), span: 2, children: c.problemsSolved.length ? <Flex vertical gap={2}>{c.problemsSolved.map((p, i) => <span key={i}>{p}</span>)}</Flex> : t('common.none') },
        ]} />
        <Card size="small" title={t('liaison.contact.opinions')}>
          <CollectedOpinions opinions={c.opinions} canConvert={canConvert} />
        </Card>
      </Flex>
    </>
  );
}
