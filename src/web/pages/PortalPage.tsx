// 公开信息首页: the home page of visitors and public accounts (网民) at `/`, in the public frame. The
// committee's name, a search, the online consultation open now (if any) first, the public sections
// as tiles (two a row on a phone), the latest published proposals and library documents, and the way
// to sign in or register. Three small requests, each from the public API the sections' pages use.
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Col, Empty, Flex, Input, Row, Skeleton, Typography, theme } from 'antd';
import {
  BulbOutlined, FileTextOutlined, FolderOpenOutlined, LoginOutlined, SearchOutlined, TeamOutlined, TrophyOutlined, UserAddOutlined, UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import type { Page } from '../types';
import { isPublicOnly } from '../types';
import { useOrgPath, usePublicOrgId } from '../components/PublicOrgChooser';
import { usePublicConsultations } from '../components/consultations/queries';
import type { ProposalListItem } from '../components/proposals/model';
import type { DocItem } from './library/libraryApi';

interface PublicOrg { id: string; name: string }

export default function PortalPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const orgId = usePublicOrgId();
  const orgPath = useOrgPath();
  const account = !!user && isPublicOnly(user);

  // The committee's name: a login's own, else the one chosen (?org=) or the deployment's.
  const orgs = useQuery({
    queryKey: ['orgs', 'public'],
    queryFn: ({ signal }) => api.get<{ items: PublicOrg[]; defaultId: string | null }>('/api/v1/orgs/public', undefined, signal),
    enabled: !user,
    staleTime: 5 * 60_000,
  });
  const orgName = user?.orgName ?? orgs.data?.items.find((o) => o.id === (orgId ?? orgs.data?.defaultId))?.name;
  const live = usePublicConsultations({ year: new Date().getFullYear(), orgId });
  const open = (live.data?.items ?? []).filter((c) => c.comments.open);
  const proposals = useQuery({
    queryKey: ['portal', 'proposals', orgId],
    queryFn: ({ signal }) => api.get<Page<ProposalListItem>>('/api/v1/proposals', { published: true, sort: 'number', page: 1, pageSize: 5, orgId }, signal),
  });
  const documents = useQuery({
    queryKey: ['portal', 'documents', orgId],
    queryFn: ({ signal }) => api.get<{ items: DocItem[]; total: number }>('/api/v1/documents', { page: 1, pageSize: 5, orgId }, signal),
  });

  const sections: { path: string; label: MessageKey; description: MessageKey; icon: ReactNode }[] = [
    { path: orgPath('/public/proposals'), label: 'nav.publicProposals', description: 'portal.proposals', icon: <FileTextOutlined /> },
    { path: orgPath('/public/selections'), label: 'nav.publicSelectionsShort', description: 'portal.selections', icon: <TrophyOutlined /> },
    { path: orgPath('/public/consultations'), label: 'nav.publicConsultations', description: 'portal.consultations', icon: <TeamOutlined /> },
    { path: '/consultations/topics', label: 'nav.consultationTopics', description: user ? 'portal.topics' : 'portal.topicsVisitor', icon: <BulbOutlined /> },
    { path: orgPath('/library'), label: 'nav.library', description: 'portal.library', icon: <FolderOpenOutlined /> },
    { path: orgPath('/search'), label: 'nav.searchAll', description: 'portal.search', icon: <SearchOutlined /> },
  ];

  return (
    <Flex vertical gap={20}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {orgName ? t('portal.title', { org: orgName }) : t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {account ? t('portal.welcome', { name: user.displayName }) : t('portal.intro')}
        </Typography.Paragraph>
        <Input.Search
          allowClear
          aria-label={t('search.box')}
          placeholder={t('portal.searchPlaceholder')}
          enterButton
          onSearch={(v) => { if (v.trim()) navigate(orgPath(`/search?q=${encodeURIComponent(v.trim())}`)); }}
        />
      </div>

      {open.length > 0 && (
        <section aria-label={t('portal.live')}>
          <Flex vertical gap={12}>
            {open.map((c) => (
              <Card key={c.id} size="small" style={{ borderInlineStart: `4px solid ${token.colorPrimary}` }}>
                <Flex vertical gap={6}>
                  <Typography.Text type="secondary">{t('portal.live')}</Typography.Text>
                  <Link to={orgPath(`/public/consultations/${c.id}`)}>
                    <Typography.Text strong style={{ fontSize: 16, color: 'inherit' }}>{c.title}</Typography.Text>
                  </Link>
                  {c.summary && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{c.summary}</Typography.Paragraph>}
                  <Flex justify="end">
                    <Button type="primary" onClick={() => navigate(orgPath(`/public/consultations/${c.id}`))}>{t('portal.liveJoin')}</Button>
                  </Flex>
                </Flex>
              </Card>
            ))}
          </Flex>
        </section>
      )}

      <nav aria-label={t('portal.sections')}>
        <Row gutter={[12, 12]}>
          {sections.map((s) => (
            <Col key={s.label} xs={12} md={8}>
              <Link to={s.path} style={{ display: 'block', height: '100%', color: 'inherit' }}>
                <Card size="small" hoverable style={{ height: '100%' }}>
                  <Flex vertical gap={4}>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      <span style={{ color: token.colorPrimary, marginInlineEnd: 6 }}>{s.icon}</span>{t(s.label)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t(s.description)}</Typography.Text>
                  </Flex>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </nav>

      {!user && (
        <Card size="small">
          <Flex vertical gap={8}>
            <Typography.Text>{t('portal.joinIntro')}</Typography.Text>
            <Flex gap={8} wrap>
              <Button type="primary" icon={<LoginOutlined />} onClick={() => navigate('/login')}>{t('proposal.public.login')}</Button>
              <Button icon={<UserAddOutlined />} onClick={() => navigate('/register')}>{t('portal.join')}</Button>
            </Flex>
          </Flex>
        </Card>
      )}
      {account && (
        <Flex gap={16} wrap>
          <Link to="/public/account"><UserOutlined /> {t('account.title')}</Link>
          <Link to="/library">{t('library.favourites')}</Link>
        </Flex>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Latest
            title={t('portal.latestProposals')}
            all={orgPath('/public/proposals')}
            loading={proposals.isPending}
            items={(proposals.data?.items ?? []).map((p) => ({ id: p.id, to: orgPath(`/public/proposals/${p.id}`), title: p.title, note: p.proposerName }))}
            empty={proposals.isError}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Latest
            title={t('portal.latestDocuments')}
            all={orgPath('/library')}
            loading={documents.isPending}
            items={(documents.data?.items ?? []).map((d) => ({ id: d.id, to: orgPath(`/library/${d.id}`), title: d.title, note: d.number }))}
            empty={documents.isError}
          />
        </Col>
      </Row>
    </Flex>
  );
}

/** A short list of the newest of a section, and the link to all of it. */
function Latest({ title, all, loading, items, empty }: { title: string; all: string; loading: boolean; items: { id: string; to: string; title: string; note: string }[]; empty: boolean }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <section aria-label={title}>
      <Flex justify="space-between" align="baseline" gap={8}>
        <Typography.Title level={5} style={{ margin: '0 0 8px' }}>{title}</Typography.Title>
        <Link to={all} style={{ flex: 'none' }}>{t('portal.all')}</Link>
      </Flex>
      {loading ? <Skeleton active paragraph={{ rows: 3 }} title={false} /> : !items.length || empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((i) => (
            <li key={i.id} style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}`, minWidth: 0 }}>
              <Link to={i.to} style={{ display: 'block', overflowWrap: 'anywhere' }}>{i.title}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.note}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
