// 撰写社情民意 (/opinions/new) and 修改 (/opinions/:id/edit): title and text against the committee's
// limit, counted as one types; staff name the member they enter a paper report for. Save as a
// draft, or save and submit. Staff editing a report under review save their edit only.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Form, Input, Row, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { MemberSelect } from '../../components/MemberSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyServerErrors } from '../../components/formErrors';
import { SaveButtons, useSaveThenSubmit } from '../../components/SaveThenSubmit';
import { charCount } from '../../components/proposals/model';
import { editableBy } from '../../components/opinions/model';
import type { Opinion } from '../../components/opinions/model';
import { QuotaProgress } from '../../components/opinions/OpinionTags';
import { OPINION_KEY, opinionPath, useOpinion, useOpinionSettings } from '../../components/opinions/queries';
import { allows, OPINION_WRITERS } from '../../layout/roles';

interface Values { title: string; body: string; authorMemberId?: string | null }

function ComposeForm({ report }: { report?: Opinion }) {
  const { t } = useI18n();
  const { hasRole, user } = useAuth();
  const limit = useOpinionSettings().data?.bodyLimit ?? 1500;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const isMember = allows(OPINION_WRITERS, user);
  // Staff who are not writing for themselves name the member (a report handed in on paper).
  const forMember = !report && hasRole('staff') && !isMember;
  const canSubmit = !report || ['draft', 'returned'].includes(report.state);

  const s = useSaveThenSubmit<Values, Opinion>({
    save: (v) => {
      const body = { title: v.title.trim(), body: v.body };
      if (report) return api.patch<Opinion>(opinionPath(report.id), body);
      return api.post<Opinion>('/api/v1/opinions', v.authorMemberId ? { ...body, authorMemberId: v.authorMemberId } : body);
    },
    apiPath: opinionPath,
    pagePath: (id) => `/opinions/${id}`,
    messages: { saved: 'opinion.form.saved', submitted: 'opinion.form.submitted', submitFailed: 'opinion.form.submitFailed' },
    queryKey: OPINION_KEY,
    editing: !!report,
    onError: (err) => setError(applyServerErrors(form, err)),
  });
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Card>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="opinion"
        initialValues={report ? { title: report.title, body: report.body } : {}}
        onFinish={(v) => {
          setError(null);
          s.save.mutate(v);
        }}
      >
        {forMember && (
          <Form.Item name="authorMemberId" label={t('opinion.form.author')} extra={t('opinion.form.authorHint')} rules={[{ required: true, message: t('common.required', { field: t('opinion.form.author') }) }]}>
            <MemberSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('opinion.title')} extra={t('opinion.form.titleHint')} rules={[required(t('opinion.title'))]}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('opinion.body')}
          extra={t('opinion.form.bodyHint', { limit })}
          rules={[
            required(t('opinion.body')),
            { validator: (_, v?: string) => (charCount(v) <= limit ? Promise.resolve() : Promise.reject(new Error(t('opinion.form.bodyTooLong', { limit })))) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} count={{ show: true, max: limit, strategy: charCount }} />
        </Form.Item>
        <SaveButtons s={s} saveLabel={canSubmit ? t('opinion.form.saveDraft') : t('common.save')} submitLabel={canSubmit ? t('opinion.form.saveAndSubmit') : undefined} />
      </Form>
    </Card>
  );
}

function EditReport({ id }: { id: string }) {
  const { t } = useI18n();
  const { hasRole, user } = useAuth();
  const report = useOpinion(id);
  if (report.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (!editableBy(report.data, hasRole('staff'), user?.memberId ?? null)) return <Alert type="warning" showIcon title={t('opinion.form.notEditable')} />;
  return <ComposeForm report={report.data} />;
}

export default function ComposeOpinionPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />;
  return (
    <>
      <PageHeader back={back} title={t(id ? 'opinion.form.editTitle' : 'opinion.form.newTitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>{id ? <EditReport id={id} /> : <ComposeForm />}</Col>
        <Col xs={24} lg={8}><QuotaProgress /></Col>
      </Row>
    </>
  );
}
