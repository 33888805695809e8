// 委员会设置: the committee's settings no other page offers — the proposals' text limit, grounds for not
// filing and handling deadlines; 社情民意's text limit and yearly quotas; the working days before a
// consultation meeting (holidays not counted). Admins change them (the server's org.configure); the
// office reads them.
import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Select, Skeleton, Typography } from 'antd';
import { useAuth } from '../../auth';
import { api } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { keys } from '../../queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyServerErrors } from '../../components/formErrors';
import { ADMIN_ONLY } from '../../layout/roles';
import { useProposalSettings } from '../../components/proposals/queries';
import type { ProposalSettings } from '../../components/proposals/model';
import { OPINION_KEY, useOpinionSettings } from '../../components/opinions/queries';
import type { OpinionSettings } from '../../components/opinions/model';
import { consultationKey } from '../../components/consultations/queries';
import { useMeetingSettings, type MeetingSettings } from '../../components/consultations/meeting';

// Side by side where there is room, one under another on a phone.
const GRID = { display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' } as const;

/** A whole number with its unit; the server checks the range and its error shows under the field. */
function NumberItem({ name, label, unit }: { name: string | string[]; label: MessageKey; unit: MessageKey }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t(label)} style={{ marginBottom: 0 }} rules={[{ required: true }]}>
      <InputNumber precision={0} suffix={t(unit)} style={{ width: '100%' }} />
    </Form.Item>
  );
}

interface SectionProps<V> {
  /** The form's name: its fields' ids start with it (two areas both have a bodyLimit). */
  name: string;
  title: MessageKey;
  intro: MessageKey;
  settings: UseQueryResult<V>;
  editable: boolean;
  /** The PATCH of this area's settings. */
  path: string;
  /** What reads them, read again after a save. */
  readers: readonly unknown[];
  children: ReactNode;
}

/** One area's settings: a form loaded with the current values, saved as a whole with PATCH. */
function Section<V extends object>({ name, title, intro, settings, editable, path, readers, children }: SectionProps<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: V) => api.patch<V>(path, v),
    onSuccess: (kept) => {
      // As the server keeps them (the holidays sorted, without repeats).
      form.setFieldsValue(kept as Parameters<typeof form.setFieldsValue>[0]);
      message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: readers });
    },
    onError: (e) => setError(applyServerErrors(form, e)),
  });
  return (
    <Card size="small" title={t(title)}>
      <Typography.Paragraph type="secondary">{t(intro)}</Typography.Paragraph>
      {settings.isError ? <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        : !settings.data ? <Skeleton active />
          : (
            <Form form={form} name={name} layout="vertical" initialValues={settings.data} disabled={!editable} onFinish={(v) => {
              setError(null);
              save.mutate(v);
            }}>
              <Flex vertical gap={12}>
                {children}
                {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
                {editable && <Flex justify="end"><Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button></Flex>}
              </Flex>
            </Form>
          )}
    </Card>
  );
}

export default function SettingsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const editable = hasRole(...ADMIN_ONLY);
  const proposals = useProposalSettings();
  const opinions = useOpinionSettings();
  const meetings = useMeetingSettings();
  return (
    <>
      <PageHeader title={t('nav.settings')} />
      <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 12 }} />}
      <Flex vertical gap={12}>
        <Section<ProposalSettings> name="proposals" title="settings.proposals" intro="settings.proposals.intro" settings={proposals} editable={editable}
          path="/api/v1/proposals/settings" readers={keys.proposals}>
          <div style={GRID}>
            <NumberItem name="bodyLimit" label="settings.bodyLimit" unit="settings.chars" />
            <NumberItem name={['handling', 'returnWindowDays']} label="settings.returnWindowDays" unit="settings.days" />
            <NumberItem name={['handling', 'replyMonths']} label="settings.replyMonths" unit="settings.months" />
            <NumberItem name={['handling', 'maxMonths']} label="settings.maxMonths" unit="settings.months" />
            <NumberItem name={['handling', 'coOpinionMonths']} label="settings.coOpinionMonths" unit="settings.months" />
          </div>
          <Form.Item name="notFiledGrounds" label={t('settings.notFiledGrounds')} extra={editable && t('settings.notFiledGroundsHint')} style={{ marginBottom: 0 }} rules={[{ required: true }]}>
            <Select mode="tags" open={false} />
          </Form.Item>
        </Section>
        <Section<OpinionSettings> name="opinions" title="settings.opinions" intro="settings.opinions.intro" settings={opinions} editable={editable}
          path="/api/v1/opinions/settings" readers={OPINION_KEY}>
          <div style={GRID}>
            <NumberItem name="bodyLimit" label="settings.bodyLimit" unit="settings.chars" />
            <NumberItem name={['quota', 'standing']} label="settings.quotaStanding" unit="settings.pieces" />
            <NumberItem name={['quota', 'member']} label="settings.quotaMember" unit="settings.pieces" />
          </div>
        </Section>
        <Section<MeetingSettings> name="meetings" title="settings.meetings" intro="settings.meetings.intro" settings={meetings} editable={editable}
          path="/api/v1/consultations/meeting-settings" readers={consultationKey}>
          <div style={GRID}>
            <NumberItem name="invitationDays" label="settings.invitationDays" unit="settings.workingDays" />
            <NumberItem name="materialsDays" label="settings.materialsDays" unit="settings.workingDays" />
          </div>
          <Form.Item name="holidays" label={t('settings.holidays')} extra={editable && t('settings.holidaysHint')} style={{ marginBottom: 0 }}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ', '、']} />
          </Form.Item>
        </Section>
      </Flex>
    </>
  );
}
