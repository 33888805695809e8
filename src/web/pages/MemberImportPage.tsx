// 导入委员: upload .xlsx → preview report (commit=false) → import valid rows (commit=true).
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Result, Row, Statistic, Table, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useI18n } from '../i18n';
import { keys } from '../queries';
import { PageHeader } from '../components/PageHeader';
import { problemText } from '../components/formErrors';
import type { ImportReport } from '../types';

const IMPORT_URL = '/api/v1/members/import';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Step =
  | { kind: 'choose' }
  | { kind: 'checked'; file: File; report: ImportReport }
  | { kind: 'imported'; report: ImportReport };

function postImport(file: File, commit: boolean) {
  return api.upload<ImportReport>(IMPORT_URL, 'file', file, file.name, { commit });
}

export default function MemberImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const customRequest: UploadProps['customRequest'] = async ({ file, onSuccess, onError }) => {
    const chosen = file as File;
    setError(null);
    if (!chosen.name.toLowerCase().endsWith('.xlsx')) {
      setError(t('import.onlyXlsx'));
      onError?.(new Error(t('import.onlyXlsx')));
      return;
    }
    setBusy(true);
    try {
      const report = await postImport(chosen, false);
      setBusy(false);
      setStep({ kind: 'checked', file: chosen, report });
      onSuccess?.(report);
    } catch (err) {
      setBusy(false);
      setError(problemText(err));
      onError?.(err as Error);
    }
  };

  const commit = async () => {
    if (step.kind !== 'checked') return;
    setBusy(true);
    setError(null);
    try {
      const report = await postImport(step.file, true);
      setStep({ kind: 'imported', report });
      void queryClient.invalidateQueries({ queryKey: keys.members });
      void queryClient.invalidateQueries({ queryKey: keys.sectors });
    } catch (err) {
      setError(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep({ kind: 'choose' });
    setError(null);
  };

  const templateLink = (
    <Button icon={<DownloadOutlined />} href={`${IMPORT_URL}/template`} download>
      {t('import.template')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('import.title')} extra={templateLink} />
      {error && (
        <Alert type="error" showIcon role="alert" title={t('common.error')} description={error} style={{ marginBottom: 16 }} />
      )}

      {step.kind === 'choose' && (
        <Card>
          <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
          <Upload.Dragger
            accept={`.xlsx,${XLSX_MIME}`}
            multiple={false}
            showUploadList={false}
            customRequest={customRequest}
            disabled={busy}
            aria-label={t('import.file')}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy ? t('import.checking') : t('import.choose')}</p>
          </Upload.Dragger>
        </Card>
      )}

      {step.kind === 'checked' && (
        <Card title={`${t('import.report')} · ${step.file.name}`}>
          <ReportCounts report={step.report} />
          <ErrorTable report={step.report} />
          <Flex wrap gap={8} style={{ marginTop: 16 }}>
            <Button type="primary" loading={busy} disabled={step.report.valid === 0} onClick={commit}>
              {t('import.commit')}
            </Button>
            <Button icon={<ReloadOutlined />} disabled={busy} onClick={restart}>
              {t('import.retry')}
            </Button>
          </Flex>
          {step.report.valid === 0 && step.report.total > 0 && (
            <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('import.nothingValid')}
            </Typography.Paragraph>
          )}
        </Card>
      )}

      {step.kind === 'imported' && (
        <Card>
          <Result
            status={step.report.errors.length ? 'warning' : 'success'}
            title={
              step.report.errors.length
                ? t('import.doneWithErrors', {
                    count: step.report.imported,
                    bad: new Set(step.report.errors.map((e) => e.row)).size,
                  })
                : t('import.done', { count: step.report.imported })
            }
            extra={[
              <Button type="primary" key="dir" onClick={() => navigate('/members')}>
                {t('import.toDirectory')}
              </Button>,
              <Button key="again" onClick={restart}>
                {t('import.retry')}
              </Button>,
            ]}
          />
          {step.report.errors.length > 0 && <ErrorTable report={step.report} />}
        </Card>
      )}
    </>
  );
}

function ReportCounts({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      <Col span={8}>
        <Statistic title={t('import.total')} value={report.total} />
      </Col>
      <Col span={8}>
        <Statistic title={t('import.valid')} value={report.valid} styles={{ content: { color: '#389e0d' } }} />
      </Col>
      <Col span={8}>
        <Statistic
          title={t('import.invalid')}
          value={Math.max(0, report.total - report.valid)}
          styles={{ content: { color: report.total > report.valid ? '#cf1322' : undefined } }}
        />
      </Col>
    </Row>
  );
}

function ErrorTable({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  // A file without rows (the template as downloaded) is said so, not that all its rows are valid.
  if (!report.total) return <Alert type="warning" showIcon title={t('import.noRows')} />;
  if (!report.errors.length) return <Alert type="success" showIcon title={t('import.noErrors')} />;
  return (
    <Table
      rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
      size="small"
      dataSource={report.errors}
      scroll={{ x: 'max-content' }}
      pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        { title: t('import.row'), dataIndex: 'row', key: 'row', width: 70 },
        { title: t('import.field'), dataIndex: 'field', key: 'field', width: 110 },
        { title: t('import.message'), dataIndex: 'message', key: 'message' },
      ]}
    />
  );
}
