// 一轮优秀提案评选: its levels as steps (the one under way highlighted; any reached level may be
// viewed), that level's entries with the scores and comments so far, and what the caller may do:
// nominate while the first level runs, score as a reviewer of the level under way, and for staff
// change the set-up before the first level closes, close the level (picking the pass list) and
// announce the result. Staff, leaders and admins see the round's history.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Flex, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, GlobalOutlined, SoundOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { AnnounceModal } from '../../components/selection/AnnounceModal';
import { CloseLevelModal } from '../../components/selection/CloseLevelModal';
import { EditRoundModal } from '../../components/selection/EditRoundModal';
import { EntryList } from '../../components/selection/EntryList';
import { Results } from '../../components/selection/Results';
import { ReviewModal } from '../../components/selection/ReviewModal';
import { RoundStateTag } from '../../components/selection/RoundStateTag';
import { ScoringProgress } from '../../components/selection/ScoringProgress';
import { SelectionHistory } from '../../components/selection/SelectionHistory';
import type { Entry, Level } from '../../components/selection/model';
import { useEntries, useLevelProgress, useRound } from '../../components/selection/queries';

function LevelStep({ level }: { level: Level }) {
  const { t } = useI18n();
  return (
    <Flex vertical>
      <span>{t(`selection.actor.${level.actor}`)}</span>
      <span>
        {t('selection.level.count', { entries: level.entries })}
        {level.passed !== null ? ` · ${t('selection.level.passed', { passed: level.passed })}` : level.quota ? ` · ${t('selection.level.quota', { quota: level.quota })}` : ''}
      </span>
    </Flex>
  );
}

export default function SelectionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  const navigate = useNavigate();
  const round = useRound(id);
  const [viewed, setViewed] = useState<number | null>(null);
  const [reviewing, setReviewing] = useState<Entry | null>(null);
  const [closing, setClosing] = useState(false);
  const [announcing, setAnnouncing] = useState(false);
  const [editing, setEditing] = useState(false);
  const position = viewed ?? round.data?.currentLevel;
  const entries = useEntries(id, position, !!round.data);
  const oversees = hasRole('staff', 'leader', 'admin');
  const progress = useLevelProgress(id, position, oversees && round.data?.state === 'open' && position === round.data.currentLevel);

  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate('/selections')} />;
  if (round.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (round.isError) {
    if (round.error instanceof ApiError && round.error.status === 404) return <Result status="404" title={t('selection.notFound')} />;
    return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  }
  const r = round.data;
  const level = r.levels[(position ?? 1) - 1]!;
  const last = level.position === r.levels.length;
  const underWay = r.state === 'open' && level.position === r.currentLevel;
  const staff = hasRole('staff');
  const nominating = r.state === 'open' && r.currentLevel === 1 && (staff || !!user?.memberId);
  // (Scores at a scoring first level fix the set-up too: the server says so.)
  const editable = staff && r.state === 'open' && r.currentLevel === 1;
  const list = entries.data?.items ?? [];

  return (
    <>
      <PageHeader
        back={back}
        title={r.name}
        extra={
          <>
            {nominating && (
              <Link to={`/selections/${r.id}/nominate`}>
                <Button type="primary" icon={<UserAddOutlined />}>{t(staff ? 'selection.nominate.staff' : 'selection.nominate')}</Button>
              </Link>
            )}
            {editable && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('selection.edit')}</Button>}
            {staff && underWay && (
              <Button danger icon={<StopOutlined />} disabled={!list.some((e) => e.outcome === 'pending')} onClick={() => { void progress.refetch(); setClosing(true); }}>
                {t('selection.close')}
              </Button>
            )}
            {staff && r.state === 'decided' && <Button type="primary" icon={<SoundOutlined />} onClick={() => setAnnouncing(true)}>{t('selection.announce')}</Button>}
            {r.state === 'announced' && (
              <Link to={`/public/selections/${r.id}`}>
                <Button icon={<GlobalOutlined />}>{t('selection.publicPage')}</Button>
              </Link>
            )}
          </>
        }
      />
      <Space size={8} wrap style={{ marginTop: -8, marginBottom: 16 }}>
        <RoundStateTag state={r.state} />
        <Typography.Text type="secondary">{t('selection.entries')} {r.entries}</Typography.Text>
      </Space>
      <Flex vertical gap={16}>
        {r.results && <Results results={r.results} announcedAt={r.announcedAt} linkTo={(p) => `/proposals/${p.proposalId}`} />}
        <Card title={t('selection.levels')}>
          <Steps
            size="small"
            titlePlacement="vertical"
            current={(position ?? 1) - 1}
            onChange={(i) => setViewed(i + 1)}
            items={r.levels.map((l) => ({
              title: l.name,
              content: <LevelStep level={l} />,
              status: l.state === 'closed' ? 'finish' : l.state === 'current' ? 'process' : 'wait',
              disabled: l.state === 'pending',
            }))}
          />
        </Card>
        <Card title={`${level.position}. ${level.name}`} extra={<Typography.Text type="secondary">{t(`selection.actor.${level.actor}`)}</Typography.Text>}>
          {underWay && progress.data && <ScoringProgress progress={progress.data} />}
          <Flex justify="end" style={{ marginBottom: 8 }}><ExportButton href={`/api/v1/selections/${encodeURIComponent(id)}/entries.xlsx?level=${level.position}`} total={entries.data?.total} /></Flex>
          {entries.isError ? (
            <QueryError error={entries.error} onRetry={() => void entries.refetch()} />
          ) : (
            <EntryList entries={list} loading={entries.isFetching} last={last} onReview={setReviewing} />
          )}
        </Card>
        {oversees && <SelectionHistory roundId={r.id} />}
      </Flex>
      <ReviewModal roundId={r.id} entry={reviewing} onClose={() => setReviewing(null)} />
      {staff && underWay && <CloseLevelModal roundId={r.id} level={level} last={last} entries={list} progress={progress.data} open={closing} onClose={() => setClosing(false)} />}
      {editable && <EditRoundModal round={r} open={editing} onClose={() => setEditing(false)} />}
      {staff && r.state === 'decided' && <AnnounceModal roundId={r.id} lastLevel={r.levels.length} open={announcing} onClose={() => setAnnouncing(false)} />}
    </>
  );
}
