// 我的双联 (phone first): the people and sectors I keep in touch with this year, a contact logged in
// a few taps, the contacts I logged, and my yearly written report.
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Form, Input, List, Skeleton, Space, Typography, Upload } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorText } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyServerErrors } from '../../components/formErrors';
import { ContactFormModal } from '../../components/liaison/ContactFormModal';
import { KindTag, MetTag } from '../../components/liaison/LinkTags';
import { targetName, thisYear } from '../../components/liaison/model';
import type { LiaisonReport, Link } from '../../components/liaison/model';
import { useContacts, useLiaisonWrite, useLinks, useReports } from '../../components/liaison/queries';
import { useReasonText } from '../../components/liaison/reasonText';

function LinkCard({ link, onLog }: { link: Link; onLog: () => void }) {
  const { t } = useI18n();
  const why = useReasonText();
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>{targetName(link, (sector) => t('liaison.massesOf', { sector }), link.kind)}</Typography.Text>
          <MetTag met={link.faceToFace > 0} />
        </Flex>
        <Space size={4} wrap>
          <KindTag kind={link.kind} />
          <Typography.Text type="secondary">{why(link.reason)}</Typography.Text>
        </Space>
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('liaison.contacts', { n: link.contactCount })}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={onLog}>{t('liaison.logContact')}</Button>
        </Flex>
      </Flex>
    </Card>
  );
}

function ReportCard({ year, report }: { year: number; report?: LiaisonReport }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useLiaisonWrite((v: { body: string }) => api.put<LiaisonReport>('/api/v1/liaison/reports', { year, body: v.body.trim() }));
  const upload = useLiaisonWrite((file: File) => api.upload<LiaisonReport>('/api/v1/liaison/reports/file', 'file', file, file.name, { year }));
  return (
    <Card size="small" title={t('liaison.report', { year })}>
      <Form form={form} layout="vertical" initialValues={{ body: report?.body ?? '' }} onFinish={(v) => {
        setError(null);
        save.mutate(v, { onSuccess: () => message.success(t('liaison.report.saved')), onError: (e) => setError(applyServerErrors(form, e)) });
      }}>
        <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('liaison.report', { year }) }) }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} placeholder={t('liaison.report.placeholder')} aria-label={t('liaison.report', { year })} />
        </Form.Item>
        {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{report ? t('liaison.report.submittedAt', { time: formatDateTime(report.submittedAt) }) : ''}</Typography.Text>
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('liaison.report.save')}</Button>
        </Flex>
      </Form>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
        <Upload accept=".doc,.docx,.pdf" showUploadList={false} customRequest={({ file }) => {
          setError(null);
          upload.mutate(file as File, { onSuccess: () => message.success(t('liaison.report.uploaded')), onError: (e) => setError(errorText(e)) });
        }}>
          <Button icon={<UploadOutlined />} loading={upload.isPending}>{t('liaison.report.upload')}</Button>
        </Upload>
        {report?.file ? <a href={report.file} target="_blank" rel="noreferrer">{t('liaison.report.file')}</a> : <Typography.Text type="secondary">{t('liaison.report.uploadHint')}</Typography.Text>}
      </Flex>
    </Card>
  );
}

export default function MyLiaisonPage() {
  const { t, formatDate } = useI18n();
  const { user } = useAuth();
  const year = thisYear();
  const links = useLinks({ year, mine: true, pageSize: 200 });
  const contacts = useContacts({ year, mine: true, pageSize: 10 });
  const reports = useReports(year);
  const [logging, setLogging] = useState<Link | null>(null);
  const mine = links.data?.items ?? [];
  const myReport = reports.data?.find((r) => r.memberId === user?.memberId);

  return (
    <>
      <PageHeader title={t('nav.myLiaison')} />
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: '-8px 0 0' }}>{t('liaison.myIntro')}</Typography.Paragraph>
        {links.isError && <QueryError error={links.error} onRetry={() => void links.refetch()} />}
        {links.isPending ? <Skeleton active /> : mine.length === 0 ? <Empty description={t('liaison.noLinks')} /> : (
          <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' }}>
            {mine.map((l) => <LinkCard key={l.id} link={l} onLog={() => setLogging(l)} />)}
          </div>
        )}
        {mine.length > 0 && !reports.isPending && <ReportCard key={myReport?.id ?? 'new'} year={year} report={myReport} />}
        <Card size="small" title={t('liaison.recentContacts')} extra={<ExportButton href={`/api/v1/liaison/contacts.xlsx?year=${year}&mine=true`} total={contacts.data?.total} />}>
          <List
            loading={contacts.isPending}
            dataSource={contacts.data?.items ?? []}
            locale={{ emptyText: t('liaison.noContacts') }}
            renderItem={(c) => (
              <List.Item>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <RouterLink to={`/liaison/contacts/${c.id}`}>
                    {[formatDate(c.date), t(`liaison.channel.${c.channel}`), targetName(c, (sector) => t('liaison.massesOf', { sector }), c.kind)].join(' · ')}
                  </RouterLink>
                  <Typography.Text type="secondary" ellipsis>{c.topics}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      </Flex>
      {logging && <ContactFormModal link={logging} open onClose={() => setLogging(null)} />}
    </>
  );
}
