// 我的履职 (phone first): the year's points, grade and ranks, the entries by kind each linked to the
// record behind it, and the 述职报告 to download. Staff and leaders open a member's the same way.
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Alert, Button, Card, Collapse, Empty, Flex, List, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { GRADE_COLORS, gradeKey, kindKey, thisYear, useMyRecord, variantKey, YEARS } from '../../components/records/model';
import type { DutyEntry } from '../../components/records/model';
import { LinkedDocuments } from '../../components/library/LinkedDocuments';

/** The office's lists of 双创 activities and honours: a member finds their own on 我的双创. */
const OFFICE_LISTS: Record<string, string> = { '/creation/activities': '/creation/mine', '/creation/honours': '/creation/mine' };
const ownPage = (href: string) => OFFICE_LISTS[href] ?? href;

export default function MyRecordPage() {
  const { t, formatDate } = useI18n();
  const { id } = useParams();
  const [year, setYear] = useState(thisYear());
  const record = useMyRecord(year, id);
  const r = record.data;
  // (a variant the app has no words for, e.g. a kind of 双创 activity named by its module, shows as given)
  const variantText = (v: string) => (t(variantKey(v)) === variantKey(v) ? v : t(variantKey(v)));
  const groups = new Map<string, DutyEntry[]>();
  for (const e of r?.entries ?? []) groups.set(e.kind, [...(groups.get(e.kind) ?? []), e]);
  const reportHref = withQuery(id ? `/api/v1/records/members/${encodeURIComponent(id)}/report.docx` : '/api/v1/records/me/report.docx', { year });

  return (
    <>
      <PageHeader
        title={id && r ? `${r.member.name} · ${t('nav.records')}` : t('nav.myRecord')}
        extra={<Select aria-label={t('records.year')} value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />}
      />
      {record.isError && <QueryError error={record.error} onRetry={() => void record.refetch()} />}
      {record.isPending ? <Skeleton active /> : r && (
        <Flex vertical gap={12}>
          <Card size="small">
            <Flex wrap gap={24} align="center" justify="space-between">
              <Statistic title={t('records.points')} value={r.points} />
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">{t('records.grade')}</Typography.Text>
                <Tag color={GRADE_COLORS[r.grade]} style={{ fontSize: 16, padding: '2px 10px', marginInlineEnd: 0 }} data-testid="grade">{t(gradeKey(r.grade))}</Tag>
              </Flex>
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">{t('records.sectorRankIn', { sector: r.member.sectorName })}</Typography.Text>
                <Typography.Text strong>{t('records.rankOf', r.rank.sector)}</Typography.Text>
              </Flex>
              {r.rank.committees.map((c) => (
                <Flex key={c.id} vertical gap={4}>
                  <Typography.Text type="secondary">{t('records.committeeRank', { committee: c.name })}</Typography.Text>
                  <Typography.Text strong>{t('records.rankOf', c)}</Typography.Text>
                </Flex>
              ))}
            </Flex>
          </Card>
          {r.warnings.length > 0 && <Alert type="warning" showIcon message={r.warnings.map((w) => t(`records.warning.${w}`)).join('；')} />}
          <Flex wrap gap={8} align="center">
            <Button type="primary" icon={<DownloadOutlined />} href={reportHref}>{t('records.report')}</Button>
            <Typography.Text type="secondary">{t('records.reportHelp')}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary">{t('records.intro')}</Typography.Text>
          <LinkedDocuments kind="member" targetId={r.member.id} />
          <Card size="small" title={t('records.entries')} styles={{ body: { padding: groups.size ? 0 : undefined } }}>
            {groups.size === 0 ? <Empty description={t('records.noEntries')} /> : (
              <Collapse
                ghost
                defaultActiveKey={[...groups.keys()]}
                items={[...groups.entries()].map(([kind, entries]) => ({
                  key: kind,
                  label: (
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text strong>{`${t(kindKey(kind))} · ${t('records.count', { n: entries.length })}`}</Typography.Text>
                      <Typography.Text>{t('records.pointsValue', { n: r.byKind[kind]?.points ?? 0 })}</Typography.Text>
                    </Flex>
                  ),
                  children: (
                    <List
                      size="small"
                      dataSource={entries}
                      renderItem={(e) => (
                        <List.Item extra={<Typography.Text type="secondary">{t('records.pointsValue', { n: e.points })}</Typography.Text>}>
                          <Flex vertical gap={2} style={{ minWidth: 0 }}>
                            {e.subject.href
                              ? <RouterLink to={id ? e.subject.href : ownPage(e.subject.href)}>{e.subject.title || t(kindKey(e.kind))}</RouterLink>
                              : <Typography.Text>{e.subject.title || t(kindKey(e.kind))}</Typography.Text>}
                            <Space size={4} wrap>
                              <Typography.Text type="secondary">{formatDate(e.occurredOn)}</Typography.Text>
                              {e.variant && <Tag style={{ marginInlineEnd: 0 }}>{variantText(e.variant)}</Tag>}
                              {e.subject.gone && <Tag style={{ marginInlineEnd: 0 }}>{t('records.gone')}</Tag>}
                            </Space>
                          </Flex>
                        </List.Item>
                      )}
                    />
                  ),
                }))}
              />
            )}
          </Card>
        </Flex>
      )}
    </>
  );
}
