// 四双工作报告 (staff, leaders): the year's report drafted by the server from the data, its sections,
// and under each the figures it quotes — each opens the list of records behind it (the figure's
// `source`) in a drawer. Download as Word; staff set the names the report uses (the profile).
// Staff rewrite a paragraph (its figures stay {{figure-key}} tokens, live on every draft); each save
// is a version, listed in a drawer, where any earlier one can be viewed and restored.
// 含下级 (office and leaders of a committee with committees below): the report rolled up with them,
// always the fresh draft (the office's versions rewrite its own report); a figure then shows each
// committee's part, and its list is this level's records only.
import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Empty, Flex, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, HistoryOutlined, SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, withQuery } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { thisYear, YEARS } from '../../components/records/model';
import { ScopeSwitch, useCanRollUp, type Scope } from '../../components/ScopeSwitch';

interface Figure {
  key: string; label: string; value: number; unit: string; source: string; field?: string;
  /** The source list in words (which page, which filter) and the web page that shows it. */
  sourceLabel?: string; sourcePage?: string | null;
  scope?: 'own' | 'tree'; parts?: { orgId: string; org: string; value: number }[]; sourceCovers?: 'own' | 'tree';
}
interface Part { id: string; template: string; edited: boolean; missing: string[]; draftChanged: boolean }
interface Version { number: number; note: string; createdAt: string | null; createdBy: { id: string; name: string } | null; restoredFrom: number | null; edited?: number }
interface Report {
  year: number; title: string; sections: { heading: string; paragraphs: string[]; parts: Part[] }[]; figures: Figure[]; version: Version; latestVersion: number;
  scope: Scope; committees: { id: string; name: string }[];
}
interface Profile { cityName: string; partyCommittee: string; chair: string; counties: string[] }
type Item = Record<string, unknown>;
/** A source list's page: `sums` (or a counter's `field` and `sum`) add up a field over every record that matches, not only this page. */
interface SourcePage { items: Item[]; total: number; pageSize?: number; sums?: Record<string, number | string>; field?: string; sum?: number }

/** Which part of the report a figure belongs to (the sections in order: opening, 双联, 双创, 双协, 双评, closing). */
const PART_OF: [string, number][] = [['party.', 1], ['liaison.', 1], ['campaign.', 1], ['creation.', 2], ['consultations.', 3], ['online.', 3], ['rooms.', 3], ['recommendations.', 3], ['measures.', 3], ['proposals.', 4]];
const partOf = (f: Figure) => PART_OF.find(([p]) => f.key.startsWith(p))?.[1] ?? -1;
const shown = (f: Figure) => (f.unit === '元' && f.value >= 1e4 ? `${Math.round(f.value / 100) / 100}万元` : `${f.value}${f.unit}`);
const pick = (item: Item, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Item | null | undefined)?.[k], item);

/** A record of any source list in one line: its title or name, and its date. */
function describe(item: Item): { title: string; detail: string } {
  const str = (k: string) => (typeof item[k] === 'string' && item[k] ? String(item[k]) : '');
  const title = str('title') || str('name') || str('text') || str('content') || str('memberName') || str('householdName') || str('id');
  const detail = [str('memberName') !== title ? str('memberName') : '', str('sectorName'), str('date') || str('heldOn') || str('submittedOn') || str('startedOn') || str('createdAt').slice(0, 10)]
    .filter(Boolean).join(' · ');
  return { title, detail };
}

function SourceDrawer({ figure, onClose }: { figure: Figure | null; onClose: () => void }) {
  const { t } = useI18n();
  const list = useInfiniteQuery({
    queryKey: ['report-source', figure?.source],
    // (A rolled-up figure the committee has no part of has no list of its.)
    enabled: !!figure?.source,
    initialPageParam: 1,
    // The first read is the list as the figure names it; a paged list then reads its next pages (same size).
    queryFn: ({ pageParam, signal }) =>
      api.get<SourcePage>(pageParam > 1 ? `${figure!.source}${figure!.source.includes('?') ? '&' : '?'}page=${pageParam}` : figure!.source, undefined, signal),
    getNextPageParam: (last, pages) => {
      const seen = pages.reduce((n, p) => n + p.items.length, 0);
      return last.pageSize === undefined || seen >= last.total || !last.items.length ? undefined : pages.length + 1;
    },
  });
  const pages = list.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const total = pages[0]?.total;
  // A sum's total is the whole list's: the server's sum over every record that matches, or, once
  // every record is loaded, theirs added up; short of both, the rows shown — said so.
  const field = figure?.field;
  const first = pages[0];
  const server = field && first ? first.sums?.[field] ?? (first.field === field ? first.sum : undefined) : undefined;
  const loadedAll = total !== undefined && items.length >= total;
  const sum = !field || !first ? null : server !== undefined ? Number(server) : items.reduce((s, i) => s + Number(pick(i, field) ?? 0), 0);
  const whole = server !== undefined || loadedAll;
  const inUnit = (v: unknown) => (figure ? shown({ ...figure, value: Number(v ?? 0) }) : String(v ?? ''));
  return (
    <Drawer open={!!figure} onClose={onClose} width="min(560px, 100vw)" title={figure ? t('reports.source.title', { label: figure.label, value: shown(figure) }) : ''} destroyOnClose>
      {list.error ? <QueryError error={list.error} /> : (
        <>
          <Space direction="vertical" size={2} style={{ marginBottom: 12 }}>
            {figure?.scope === 'tree' && (
              <Alert type="info" showIcon style={{ marginBottom: 8 }}
                message={figure.sourceCovers === 'tree' ? t('reports.source.treeList') : t('reports.source.ownList')}
                description={figure.parts?.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-parts>
                    {figure.parts.map((p) => <li key={p.orgId}>{p.org}：{shown({ ...figure, value: p.value })}</li>)}
                  </ul>
                ) : undefined} />
            )}
            {figure?.scope === 'own' && <Typography.Text type="secondary">{t('reports.source.ownOnly')}</Typography.Text>}
            {total !== undefined && <Typography.Text type="secondary">{t('reports.source.total', { total })}</Typography.Text>}
            {figure && sum !== null && (
              <Typography.Text strong data-source-sum>
                {whole ? t('reports.source.sum', { label: figure.label, value: inUnit(sum), total: total ?? 0 }) : t('reports.source.sumShown', { shown: items.length, value: inUnit(sum), total: total ?? 0 })}
              </Typography.Text>
            )}
            {figure?.sourceLabel && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('reports.source.list', { list: figure.sourceLabel })}</Typography.Text>}
            {figure?.sourcePage && <Link to={figure.sourcePage} style={{ fontSize: 12 }}>{t('reports.source.page')}</Link>}
          </Space>
          <List
            loading={list.isLoading}
            dataSource={items}
            locale={{ emptyText: <Empty description={t('reports.source.empty')} /> }}
            renderItem={(i) => {
              const d = describe(i);
              return <List.Item><List.Item.Meta title={d.title} description={d.detail || undefined} />{field && <Tag>{inUnit(pick(i, field))}</Tag>}</List.Item>;
            }}
          />
          {list.hasNextPage && <Button block loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{t('reports.source.more')}</Button>}
        </>
      )}
    </Drawer>
  );
}

function ProfileModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const profile = useQuery({ queryKey: ['report-profile'], queryFn: () => api.get<Profile>('/api/v1/reports/profile'), enabled: open });
  const save = useMutation({
    mutationFn: (v: Profile) => api.put<Profile>('/api/v1/reports/profile', { ...v, chair: v.chair ?? '', counties: v.counties ?? [] }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['report-profile'] }).then(() => client.invalidateQueries({ queryKey: ['sishuang'] })),
  });
  if (!open || !profile.data) return null;
  return (
    <FormModal<Profile> title={t('reports.profile')} open={open} onClose={onClose} submit={(v) => save.mutateAsync(v)} submitting={save.isPending}
      done={t('reports.profile.saved')} initialValues={profile.data}>
      <Form.Item name="cityName" label={t('reports.profile.cityName')} rules={[{ required: true }]}><Input maxLength={50} /></Form.Item>
      <Form.Item name="partyCommittee" label={t('reports.profile.partyCommittee')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="chair" label={t('reports.profile.chair')}><Input maxLength={50} /></Form.Item>
      <Form.Item name="counties" label={t('reports.profile.counties')}><Select mode="tags" open={false} tokenSeparators={['、', ',', '，']} /></Form.Item>
    </FormModal>
  );
}

/** The dialog that rewrites one paragraph: its template, the figures to insert as tokens, a note. */
function ParagraphEditor({ report, part, onClose }: { report: Report; part: Part | null; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { template: string; note?: string }) => api.post<Version>('/api/v1/reports/sishuang/versions', {
      year: report.year, basedOn: report.latestVersion, ...(v.note?.trim() ? { note: v.note.trim() } : {}), paragraphs: [{ id: part!.id, template: v.template }],
    }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sishuang', report.year] }),
  });
  return (
    <FormModal<{ template: string; note?: string }> title={t('reports.edit.title')} open={!!part} onClose={onClose} width={720}
      submit={(v) => save.mutateAsync(v)} submitting={save.isPending} done={(v) => t('reports.edit.saved', { n: (v as Version).number })}
      initialValues={{ template: part?.template ?? '', note: '' }} intro={<Typography.Paragraph type="secondary">{t('reports.edit.intro')}</Typography.Paragraph>}>
      <Form.Item name="template" label={t('reports.edit.text')} rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={5000} /></Form.Item>
      <FigureInserter figures={report.figures} />
      <Form.Item name="note" label={t('reports.edit.note')}><Input maxLength={200} /></Form.Item>
    </FormModal>
  );
}

/** The figures as chips: a click adds the figure's token to the paragraph. */
function FigureInserter({ figures }: { figures: Figure[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  return (
    <Form.Item label={t('reports.edit.figures')}>
      <Flex wrap gap={4} style={{ maxHeight: 140, overflowY: 'auto' }}>
        {figures.map((f) => (
          <Tag key={f.key} style={{ cursor: 'pointer', marginInlineEnd: 0 }} role="button" tabIndex={0}
            onClick={() => form.setFieldValue('template', `${form.getFieldValue('template') ?? ''}{{${f.key}}}`)}>
            {f.label} {shown(f)}
          </Tag>
        ))}
      </Flex>
    </Form.Item>
  );
}

/** Who saved a version, and when (version 1: drafted by tongxin — its note, the server's 系统起草, is not shown beside it). */
function useVersionText() {
  const { t } = useI18n();
  return (v: Version) => (v.createdBy && v.createdAt
    ? t('reports.version.by', { who: v.createdBy.name, at: v.createdAt.slice(0, 16).replace('T', ' ') })
    : t('reports.version.drafted'));
}

function VersionsDrawer({ year, open, onClose, latest, canEdit, onView }: { year: number; open: boolean; onClose: () => void; latest: number; canEdit: boolean; onView: (n: number | undefined) => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const byWhom = useVersionText();
  const versions = useQuery({ queryKey: ['sishuang', year, 'versions'], queryFn: ({ signal }) => api.get<{ items: Version[] }>('/api/v1/reports/sishuang/versions', { year }, signal), enabled: open });
  const restore = useMutation({
    mutationFn: (n: number) => api.post<Version>(`/api/v1/reports/sishuang/versions/${n}/restore`, { year }),
    onSuccess: async (v, n) => {
      await client.invalidateQueries({ queryKey: ['sishuang', year] });
      onView(undefined);
      onClose();
      message.success(t('reports.version.restored', { n, m: v.number }));
    },
  });
  const ask = (n: number) => modal.confirm({
    title: t('reports.version.restore'), content: t('reports.version.restoreConfirm', { n }), okText: t('reports.version.restore'), cancelText: t('common.cancel'),
    onOk: () => restore.mutateAsync(n),
  });
  return (
    <Drawer open={open} onClose={onClose} width="min(480px, 100vw)" title={t('reports.versions')}>
      {versions.error ? <QueryError error={versions.error} /> : (
        <List
          loading={versions.isLoading}
          dataSource={versions.data?.items ?? []}
          renderItem={(v) => (
            <List.Item
              aria-label={t('reports.version.current', { n: v.number })}
              actions={[
                <Button key="view" size="small" onClick={() => { onView(v.number === latest ? undefined : v.number); onClose(); }}>{t('reports.version.view')}</Button>,
                ...(canEdit && v.number !== latest ? [<Button key="restore" size="small" onClick={() => ask(v.number)}>{t('reports.version.restore')}</Button>] : []),
              ]}
            >
              <List.Item.Meta
                title={<Space wrap size={4}>{t('reports.version.current', { n: v.number })}{v.number === latest && <Tag color="blue">{t('reports.version.latest')}</Tag>}{v.createdBy && v.note && <Typography.Text>{v.note}</Typography.Text>}</Space>}
                description={[byWhom(v), v.restoredFrom ? t('reports.version.restoredFrom', { n: v.restoredFrom }) : '', v.edited ? t('reports.version.edits', { n: v.edited }) : ''].filter(Boolean).join(' · ')}
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}

export default function SishuangPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const [year, setYear] = useState(thisYear());
  const [figure, setFigure] = useState<Figure | null>(null);
  const [editing, setEditing] = useState(false);
  const [part, setPart] = useState<Part | null>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [viewing, setViewing] = useState<number | undefined>(undefined);
  const canRollUp = useCanRollUp();
  const [scope, setScope] = useState<Scope>('own');
  const tree = canRollUp && scope === 'tree';
  // The rolled-up report is the fresh draft: no editing, no versions.
  const canEdit = hasRole('staff', 'admin') && !tree;
  const byWhom = useVersionText();
  const query = tree ? { year, scope: 'tree' } : { year, version: viewing };
  const report = useQuery({ queryKey: ['sishuang', year, tree ? 'tree' : viewing ?? 'latest'], queryFn: ({ signal }) => api.get<Report>('/api/v1/reports/sishuang', query, signal) });
  const r = report.data;
  const chips = (fs: Figure[]) => (
    <Flex wrap gap={6}>
      {fs.map((f) => (
        <Tag key={f.key} color={f.value ? 'blue' : 'default'} style={{ cursor: 'pointer', marginInlineEnd: 0 }} onClick={() => setFigure(f)}
          role="button" tabIndex={0} aria-label={`${f.label} ${shown(f)} — ${t('reports.source.open')}`} onKeyDown={(e) => { if (e.key === 'Enter') setFigure(f); }}>
          {f.label} <b>{shown(f)}</b>
        </Tag>
      ))}
    </Flex>
  );
  return (
    <>
      <PageHeader
        title={t('nav.sishuang')}
        extra={
          <>
            <Select aria-label={t('reports.year')} value={year} onChange={(y) => { setYear(y); setViewing(undefined); }} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
            <Button icon={<DownloadOutlined />} href={withQuery('/api/v1/reports/sishuang.docx', query)}>{t('reports.download')}</Button>
            {!tree && <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>{t('reports.versions')}</Button>}
            {hasRole('staff', 'admin') && <Button icon={<SettingOutlined />} onClick={() => setEditing(true)}>{t('reports.profile')}</Button>}
          </>
        }
      />
      {canRollUp && (
        <Flex style={{ marginBottom: 12 }}>
          <ScopeSwitch value={scope} onChange={(v) => { setScope(v); setViewing(undefined); }} committees={r?.scope === 'tree' ? r.committees.map((c) => c.name) : undefined} />
        </Flex>
      )}
      {report.error && <QueryError error={report.error} />}
      {report.isLoading && <Card loading />}
      {r && (
        <Card>
          <Typography.Title level={4} style={{ textAlign: 'center' }}>{r.title}</Typography.Title>
          {tree ? (
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>{t('reports.tree.drafted')}</Typography.Paragraph>
          ) : viewing !== undefined ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('reports.version.viewing', { n: r.version.number, latest: r.latestVersion })}
              action={<Button size="small" onClick={() => setViewing(undefined)}>{t('reports.version.backToLatest')}</Button>} />
          ) : (
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              {t('reports.version.current', { n: r.version.number })} · {byWhom(r.version)}{r.version.createdBy && r.version.note ? ` · ${r.version.note}` : ''}
            </Typography.Paragraph>
          )}
          {r.sections.map((s, i) => {
            const fs = r.figures.filter((f) => partOf(f) === i);
            return (
              <section key={s.heading} style={{ marginBottom: 16 }}>
                {i > 0 && <Typography.Title level={5}>{s.heading}</Typography.Title>}
                {s.paragraphs.map((p, j) => {
                  const at = s.parts[j]!;
                  const flags = [
                    at.edited && <Tag key="edited" color="green">{t('reports.edited')}</Tag>,
                    at.missing.length > 0 && <Tag key="missing" color="red">{t('reports.missing', { keys: at.missing.join('、') })}</Tag>,
                    at.draftChanged && <Tag key="changed" color="orange">{t('reports.draftChanged')}</Tag>,
                  ].filter(Boolean);
                  return (
                    <div key={at.id} data-paragraph={at.id}>
                      <Typography.Paragraph style={{ textIndent: '2em', marginBottom: flags.length || canEdit ? 4 : undefined }}>{p}</Typography.Paragraph>
                      {(flags.length > 0 || (canEdit && viewing === undefined)) && (
                        <Flex wrap gap={4} justify="flex-end" style={{ marginBottom: 12 }}>
                          {flags}
                          {canEdit && viewing === undefined && (
                            <Button size="small" type="text" icon={<EditOutlined />} aria-label={`${t('reports.edit')} ${at.id}`} onClick={() => setPart(at)}>{t('reports.edit')}</Button>
                          )}
                        </Flex>
                      )}
                    </div>
                  );
                })}
                {fs.length > 0 && (
                  <Card size="small" type="inner" title={t('reports.figures')}>{chips(fs)}</Card>
                )}
              </section>
            );
          })}
          {r.figures.some((f) => partOf(f) < 0) && <Card size="small" type="inner" title={t('reports.figures.all')}>{chips(r.figures.filter((f) => partOf(f) < 0))}</Card>}
        </Card>
      )}
      <SourceDrawer figure={figure} onClose={() => setFigure(null)} />
      <ProfileModal open={editing} onClose={() => setEditing(false)} />
      {r && <ParagraphEditor report={r} part={part} onClose={() => setPart(null)} />}
      <VersionsDrawer year={year} open={versionsOpen} onClose={() => setVersionsOpen(false)} latest={r?.latestVersion ?? 1} canEdit={canEdit} onView={setViewing} />
    </>
  );
}
