// Small pieces every proposal page shows: the state tag, the key/published tags, a due date.
import { Flex, Space, Tag, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { STATE_COLORS, chineseNumber, daysUntil, shortNumber } from './model';
import type { NumberedIn, ProposalState } from './model';

/** A filed proposal's session (五届三次: numbers start again each session) and number (第0012号), or null before filing. */
function useNumberParts() {
  const { t } = useI18n();
  return (p: NumberedIn) => {
    const number = shortNumber(p.number);
    if (!number) return null;
    const session = p.sessionLabel && t('proposal.sessionShort', { session: p.sessionLabel, term: p.termNumber ?? '', sessionNo: p.sessionNumber ?? '' });
    return { session, number: t('proposal.numberShort', { number }) };
  };
}

/**
 * A filed proposal's full number in the page's language: the server's 第五届第五次会议 第0270号 in
 * Chinese, "Term 5, session 5, No. 0270" in English.
 */
export function useProposalNumber() {
  const { t, lang } = useI18n();
  return (p: Pick<NumberedIn, 'number' | 'termNumber' | 'sessionNumber'> & { numberLabel: string | null }): string | null => {
    if (lang === 'zh' || !p.number || !p.termNumber || !p.sessionNumber) return p.numberLabel;
    return t('proposal.numberText', { term: p.termNumber, session: p.sessionNumber, number: shortNumber(p.number)! });
  };
}

/**
 * A plenary session by name as the numbers say it: 第五届第五次会议 in Chinese (the server's numberLabel),
 * "Term 5, session 5" in English.
 */
export function useSessionName() {
  const { t, lang } = useI18n();
  return (term: number, session: number) =>
    (lang === 'zh' ? `第${chineseNumber(term)}届第${chineseNumber(session)}次会议` : t('proposal.sessionShort', { session: '', term, sessionNo: session }));
}

/** The number with its session on one line (五届三次 · 第0012号), or null before filing. */
export function useNumberText() {
  const parts = useNumberParts();
  return (p: NumberedIn) => {
    const n = parts(p);
    return n && [n.session, n.number].filter(Boolean).join(' · ');
  };
}

/** The same in a table cell: the session over the number, so the column stays narrow. */
export function NumberCell({ item }: { item: NumberedIn }) {
  const { t } = useI18n();
  const n = useNumberParts()(item);
  if (!n) return <>{t('common.none')}</>;
  return (
    <Flex vertical style={{ whiteSpace: 'nowrap' }}>
      {n.session && <Typography.Text type="secondary">{n.session}</Typography.Text>}
      <span>{n.number}</span>
    </Flex>
  );
}

export function StateTag({ state }: { state: ProposalState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {t(`proposal.state.${state}`)}
    </Tag>
  );
}

export function KeyTag() {
  const { t } = useI18n();
  return (
    <Tag color="red" icon={<StarFilled />} style={{ marginInlineEnd: 0 }}>
      {t('proposal.key')}
    </Tag>
  );
}

export function ProposalTags({ state, isKey, published }: { state: ProposalState; isKey?: boolean; published?: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <StateTag state={state} />
      {isKey && <KeyTag />}
      {published && <Tag style={{ marginInlineEnd: 0 }}>{t('proposal.published')}</Tag>}
    </Space>
  );
}

/** A due date; red with the days overdue once past (only while `running`), orange within a week. */
export function DueDate({ day, running = true }: { day: string | null | undefined; running?: boolean }) {
  const { t, formatDate } = useI18n();
  if (!day) return <>{t('common.none')}</>;
  const left = daysUntil(day);
  if (!running) return <>{formatDate(day)}</>;
  if (left < 0) {
    return (
      <Typography.Text type="danger" strong>
        {formatDate(day)} · {t('proposal.overdueDays', { days: -left })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type={left <= 7 ? 'warning' : undefined}>
      {formatDate(day)}
      {left <= 14 && ` · ${t('proposal.dueIn', { days: left })}`}
    </Typography.Text>
  );
}
