// 撰写提案 (/proposals/new) and 修改草稿 (/proposals/:id/edit): title, kind, domain, body against
// the committee's length limit, co-signers for a joint proposal. Save as a draft, or save and submit.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Skeleton } from 'antd';
import { SimilarPanel } from '../../components/proposals/SimilarPanel';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyServerErrors } from '../../components/formErrors';
import { SaveButtons, useSaveThenSubmit } from '../../components/SaveThenSubmit';
import { CosignerPicker } from '../../components/proposals/CosignerPicker';
import type { Cosigner } from '../../components/proposals/CosignerPicker';
import { COLLECTIVE_KINDS, DOMAINS, MEMBER_KINDS, charCount } from '../../components/proposals/model';
import type { Domain, Proposal, ProposalKind } from '../../components/proposals/model';
import { proposalPath, useProposal, useProposalSettings } from '../../components/proposals/queries';
import { keys } from '../../queries';
import { allows, PROPOSERS } from '../../layout/roles';

interface Values {
  title: string;
  kind: ProposalKind;
  domain?: Domain | null;
  body: string;
  cosigners?: Cosigner[];
  proposerName?: string;
}

function toValues(p: Proposal): Values {
  return {
    title: p.title,
    kind: p.kind,
    domain: p.domain,
    body: p.body,
    proposerName: p.proposerName,
    cosigners: p.cosigners.filter((c) => c.memberId && !c.viaMerge).map((c) => ({ memberId: c.memberId!, name: c.name, confirmed: c.confirmed })),
  };
}

function toBody(v: Values, editing: boolean) {
  const collective = COLLECTIVE_KINDS.includes(v.kind);
  const body: Record<string, unknown> = {
    title: v.title.trim(),
    body: v.body,
    kind: v.kind,
    cosignerIds: v.kind === 'joint' ? (v.cosigners ?? []).map((c) => c.memberId) : [],
  };
  if (v.domain) body.domain = v.domain;
  else if (editing) body.domain = null;
  if (collective && v.proposerName?.trim()) body.proposerName = v.proposerName.trim();
  return body;
}

function ComposeForm({ draft }: { draft?: Proposal }) {
  const { t } = useI18n();
  const { hasRole, user } = useAuth();
  const settings = useProposalSettings();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const titleValue = Form.useWatch('title', form) as string | undefined;
  const bodyValue = Form.useWatch('body', form) as string | undefined;

  const isMember = allows(PROPOSERS, user);
  const kinds: ProposalKind[] = [...(isMember ? MEMBER_KINDS : []), ...(hasRole('staff') ? COLLECTIVE_KINDS : [])];
  const limit = settings.data?.bodyLimit ?? 2500;
  const collective = !!kind && COLLECTIVE_KINDS.includes(kind);

  const s = useSaveThenSubmit<Values, Proposal>({
    save: (v) => (draft ? api.patch<Proposal>(proposalPath(draft.id), toBody(v, true)) : api.post<Proposal>('/api/v1/proposals', toBody(v, false))),
    apiPath: proposalPath,
    pagePath: (id) => `/proposals/${id}`,
    messages: { saved: 'proposal.form.saved', submitted: 'proposal.form.submitted', submitFailed: 'proposal.form.submitFailed' },
    queryKey: keys.proposals,
    editing: !!draft,
    onError: (err) => setError(applyServerErrors(form, err)),
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Card>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="proposal"
        initialValues={draft ? toValues(draft) : { kind: kinds[0], cosigners: [] }}
        onFinish={(v) => {
          setError(null);
          s.save.mutate(v);
        }}
      >
        <Form.Item name="title" label={t('proposal.title')} extra={t('proposal.form.titleHint')} rules={[required(t('proposal.title'))]}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('proposal.kind')} rules={[{ required: true, message: t('common.required', { field: t('proposal.kind') }) }]}>
              <Select options={kinds.map((k) => ({ value: k, label: t(`proposal.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="domain" label={t('proposal.domain')}>
              <Select allowClear options={DOMAINS.map((d) => ({ value: d, label: t(`proposal.domain.${d}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        {collective && (
          <Form.Item
            name="proposerName"
            label={t('proposal.proposerName')}
            extra={t('proposal.proposerNameHint')}
            rules={isMember ? [] : [required(t('proposal.proposerName'))]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        {kind === 'joint' && (
          <Form.Item
            name="cosigners"
            label={t('proposal.cosigners')}
            extra={t('proposal.form.cosignerHint')}
            rules={[{ validator: (_, v?: Cosigner[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('proposal.form.needCosigner')))) }]}
          >
            <CosignerPicker proposerId={user?.memberId ?? undefined} />
          </Form.Item>
        )}
        <Form.Item
          name="body"
          label={t('proposal.body')}
          rules={[
            required(t('proposal.body')),
            { validator: (_, v?: string) => (charCount(v) <= limit ? Promise.resolve() : Promise.reject(new Error(t('proposal.form.bodyTooLong', { limit })))) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 12, maxRows: 30 }} count={{ show: true, max: limit, strategy: charCount }} />
        </Form.Item>
        <SimilarPanel title={titleValue} body={bodyValue} excludeId={draft?.id} />
        <SaveButtons s={s} saveLabel={t('proposal.form.saveDraft')} submitLabel={kind !== 'joint' ? t('proposal.form.saveAndSubmit') : undefined} />
      </Form>
    </Card>
  );
}

function EditDraft({ id }: { id: string }) {
  const { t } = useI18n();
  const proposal = useProposal(id);
  if (proposal.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (proposal.isError) return <QueryError error={proposal.error} onRetry={() => void proposal.refetch()} />;
  if (proposal.data.state !== 'draft') return <Alert type="warning" showIcon title={t('proposal.form.onlyDrafts')} />;
  return <ComposeForm draft={proposal.data} />;
}

export default function ComposeProposalPage() {
  const { id } = useParams();
  // The proposal's page comes next: its code loads while the proposal is written, not after saving.
  useEffect(() => { void import('./ProposalDetailPage'); }, []);
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />;
  return (
    <div style={{ maxWidth: 880 }}>
      <PageHeader back={back} title={t(id ? 'proposal.form.editTitle' : 'proposal.form.newTitle')} />
      {id ? <EditDraft id={id} /> : <ComposeForm />}
    </div>
  );
}
