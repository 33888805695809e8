// 社情民意统计: a year's reports — handed in, issued, adopted (by level), 批示 — and each member
// against the yearly quota, as the annual work report quotes them.
import { useState } from 'react';
import { Card, Col, Flex, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../i18n';
import { withQuery } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { todayInChina } from '../../components/proposals/model';
import { LEVELS, OPINION_STATES } from '../../components/opinions/model';
import type { MemberCount } from '../../components/opinions/model';
import { LevelTag, OpinionStateTag } from '../../components/opinions/OpinionTags';
import { useOpinionStats } from '../../components/opinions/queries';

const THIS_YEAR = Number(todayInChina().slice(0, 4));

export default function OpinionStatsPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(THIS_YEAR);
  const stats = useOpinionStats(year);
  const s = stats.data;
  const columns: TableColumnsType<MemberCount> = [
    { title: t('opinion.stats.member'), dataIndex: 'name', fixed: 'left', render: (name: string, m) => <>{name} {m.standing && <Tag>{t('opinion.stats.standing')}</Tag>}</> },
    { title: t('opinion.stats.submitted'), dataIndex: 'submitted', align: 'right' },
    { title: t('opinion.stats.adopted'), dataIndex: 'adopted', align: 'right' },
    { title: t('opinion.stats.instructed'), dataIndex: 'instructed', align: 'right' },
    { title: t('opinion.stats.quota'), dataIndex: 'quota', align: 'right' },
    { title: t('opinion.stats.met'), dataIndex: 'met', render: (met: boolean) => <Tag color={met ? 'green' : 'orange'}>{t(met ? 'common.yes' : 'common.no')}</Tag> },
  ];
  const figure = (label: Parameters<typeof t>[0], value: number | undefined) => (
    <Col xs={12} sm={8} lg={4} key={label}>
      <Card size="small"><Statistic title={t(label)} value={value ?? '—'} /></Card>
    </Col>
  );
  return (
    <>
      <PageHeader
        title={t('nav.opinionStats')}
        extra={
          <Flex wrap gap={8}>
            <Select aria-label={t('opinion.year')} value={year} onChange={setYear} options={[0, 1, 2, 3].map((d) => ({ value: THIS_YEAR - d, label: String(THIS_YEAR - d) }))} style={{ width: 120 }} />
            <ExportButton href={withQuery('/api/v1/opinions/stats.xlsx', { year })} />
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('opinion.stats.intro')}</Typography.Paragraph>
      {stats.isError && <QueryError error={stats.error} onRetry={() => void stats.refetch()} />}
      <Flex vertical gap={16}>
        <Row gutter={[12, 12]}>
          {figure('opinion.stats.received', s?.received)}
          {figure('opinion.stats.issued', s?.issued)}
          {figure('opinion.stats.adoptedReports', s?.adoptedReports)}
          {figure('opinion.stats.adoptions', s?.adoptions)}
          {figure('opinion.stats.instructedReports', s?.instructedReports)}
          {figure('opinion.stats.instructions', s?.instructions)}
        </Row>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12}>
            <Card size="small" title={t('opinion.stats.byLevel')}>
              <Flex vertical gap={6}>
                {LEVELS.map((l) => (
                  <Flex key={l} justify="space-between">
                    <LevelTag level={l} />
                    <Typography.Text>{t('opinion.resultsShort', { adoptions: s?.adoptionsByLevel[l] ?? 0, instructions: s?.instructionsByLevel[l] ?? 0 })}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('opinion.stats.byState')}>
              <Flex wrap gap={8}>
                {OPINION_STATES.map((st) => (
                  <Flex key={st} gap={4} align="center"><OpinionStateTag state={st} /><Typography.Text>{s?.byState[st] ?? 0}</Typography.Text></Flex>
                ))}
              </Flex>
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t('opinion.stats.members')}>
          {/* (in the body, not beside the title: on a phone the line left the title no room) */}
          {s && <Typography.Paragraph type="secondary">{t('opinion.stats.membersLine', { total: s.members.total, withReports: s.members.withReports, quotaMet: s.members.quotaMet })}</Typography.Paragraph>}
          <Table<MemberCount> rowKey="memberId" size="small" loading={stats.isFetching} columns={columns} dataSource={s?.members.items ?? []} scroll={{ x: 'max-content' }} pagination={{ pageSize: 20, showSizeChanger: false }} />
        </Card>
      </Flex>
    </>
  );
}
