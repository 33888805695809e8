// 一见面一报告 (staff, leaders): per liaison, the links met face to face this year and the written
// report; who is behind, now. 本级/含下级 for whoever oversees committees below: the totals add them up
// (each one's under 各政协合计), the liaisons listed stay this level's.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Flex, Select, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ByOrgCard, ScopeSwitch, useCanRollUp, type Scope } from '../../components/ScopeSwitch';
import { withQuery } from '../../api';
import { ResponsiveList } from '../../components/ResponsiveList';
import { thisYear, YEARS } from '../../components/liaison/model';
import type { ComplianceRow } from '../../components/liaison/model';
import { useCompliance } from '../../components/liaison/queries';

export default function LiaisonCompliancePage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const [year, setYear] = useState(Number(search.get('year')) || thisYear());
  const [onlyBehind, setOnlyBehind] = useState(search.get('behind') === 'true');
  const canRollUp = useCanRollUp();
  const scope: Scope = canRollUp && search.get('scope') === 'tree' ? 'tree' : 'own';
  const board = useCompliance(year, scope);
  const items = (board.data?.items ?? []).filter((i) => !onlyBehind || i.behind);
  const state = (r: ComplianceRow) => <Tag color={r.behind ? 'warning' : 'success'} style={{ marginInlineEnd: 0 }}>{t(r.behind ? 'liaison.board.behind' : 'liaison.board.done')}</Tag>;
  const report = (r: ComplianceRow) => (
    <Space size={4}>
      <Tag color={r.reported ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>{t(r.reported ? 'liaison.board.reported' : 'liaison.board.notReported')}</Tag>
      {r.reportFile && <Tag style={{ marginInlineEnd: 0 }}>{t('liaison.board.reportFile')}</Tag>}
    </Space>
  );
  const columns: TableColumnsType<ComplianceRow> = [
    { title: t('liaison.board.liaisons'), key: 'name', dataIndex: 'name' },
    { title: t('liaison.sector'), key: 'sector', dataIndex: 'sectorName' },
    { title: t('liaison.board.links'), key: 'links', dataIndex: 'links', align: 'right' },
    { title: t('liaison.board.met'), key: 'met', dataIndex: 'met', align: 'right' },
    { title: t('liaison.board.unmet'), key: 'unmet', dataIndex: 'unmet', align: 'right' },
    { title: t('liaison.board.report'), key: 'report', render: (_, r) => report(r) },
    { title: '', key: 'state', render: (_, r) => state(r) },
  ];
  const totals = board.data?.totals;
  return (
    <>
      <PageHeader
        title={t('nav.liaisonCompliance')}
        extra={
          <>
            <Select aria-label={t('liaison.year')} value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
            <ExportButton href={withQuery('/api/v1/liaison/compliance.xlsx', { year, ...(scope === 'tree' ? { scope } : {}) })} />
          </>
        }
      />
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('liaison.board.intro')}</Typography.Text>
        {canRollUp && (
          <ScopeSwitch value={scope} committees={board.data?.scope === 'tree' ? board.data.committees : undefined}
            onChange={(s) => setSearch((p) => { const next = new URLSearchParams(p); if (s === 'tree') next.set('scope', s); else next.delete('scope'); return next; }, { replace: true })} />
        )}
        <Flex justify="space-between" align="center" wrap gap={8}>
          {totals ? <Typography.Text strong>{t('liaison.board.totals', totals)}</Typography.Text> : <span />}
          <Space wrap><Typography.Text type="secondary">{t('liaison.board.reportsExport')}</Typography.Text><ExportButton href={`/api/v1/liaison/reports.xlsx?year=${year}`} /></Space>
        </Flex>
        {board.data?.byOrg && totals && (
          <ByOrgCard rows={board.data.byOrg} total={totals}
            fields={(['liaisons', 'behind', 'links', 'met', 'unmet', 'reported'] as const).map((k) => ({ key: k, label: t(`liaison.board.${k}`) }))} />
        )}
        <Space><Switch checked={onlyBehind} onChange={setOnlyBehind} aria-label={t('liaison.board.onlyBehind')} />{t('liaison.board.onlyBehind')}</Space>
        <ResponsiveList<ComplianceRow>
          items={items}
          rowKey="memberId"
          columns={columns}
          renderCard={(r) => (
            <Card size="small">
              <Flex justify="space-between" align="center" gap={8}>
                <Flex vertical gap={2}>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <Typography.Text type="secondary">{`${r.sectorName} · ${t('liaison.board.met')} ${r.met}/${r.links}`}</Typography.Text>
                </Flex>
                <Flex vertical gap={4} align="end">{state(r)}{report(r)}</Flex>
              </Flex>
            </Card>
          )}
          query={board}
        />
      </Flex>
    </>
  );
}
