// 待办事项 on the home page: grouped by what is to be done (sign for, reply, …), each group paged;
// the server sends the overdue first, so the group with the most overdue item leads. An overdue
// item says by how many days, in red.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Empty, Flex, Pagination, Skeleton, Tag, Typography, theme } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import { keys } from '../queries';
import type { ItemList, Todo } from '../types';
import { QueryError } from './QueryError';

const PAGE_SIZE = 5;

const KINDS = ['sign', 'reply', 'opinion', 'cosign', 'addCosigners', 'evaluate', 'file', 'assign', 'extensions', 'publish', 'key', 'nominate', 'selectionReview', 'announce',
  'opinionReturned', 'opinionConverted', 'opinionReview', 'opinionForward', 'liaisonMeet', 'liaisonReport',
  'recommendationSign', 'recommendationReply', 'recommendationOpinion', 'topicsToShortlist', 'topicsToPick'];
const kindLabel = (kind: string) => (KINDS.includes(kind) ? `todo.kind.${kind}` : 'todo.kind.other') as MessageKey;

interface Group { label: MessageKey; items: Todo[]; overdue: number; count: number }

/** How many things a to-do stands for: a line of the office's queue (待审查立案的提案 18 件) its n, any other one. */
const countOf = (item: Todo) => (typeof item.params?.n === 'number' ? item.params.n : 1);

/** Groups in the order of their first item, items in the server's order. */
function groupOf(items: readonly Todo[]): Group[] {
  const groups = new Map<MessageKey, Group>();
  for (const item of items) {
    const label = kindLabel(item.kind);
    const g = groups.get(label) ?? { label, items: [], overdue: 0, count: 0 };
    g.items.push(item);
    g.count += countOf(item);
    if (item.overdueDays) g.overdue++;
    groups.set(label, g);
  }
  return [...groups.values()];
}

function isInternal(href: string) {
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/api/');
}

function TodoRow({ item, first }: { item: Todo; first: boolean }) {
  const { t, formatDate } = useI18n();
  const { token } = theme.useToken();
  // (the office's queue to assign says how many of it units returned, when any did)
  const key = (item.kind === 'assign' && Number(item.params?.returned) > 0 ? 'todo.assignReturned' : `todo.${item.kind}`) as MessageKey;
  const title = item.params && t(key) !== key ? t(key, item.params) : item.title;
  return (
    <li style={{ padding: '10px 0', borderTop: first ? undefined : `1px solid ${token.colorBorderSecondary}` }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        {isInternal(item.href) ? <Link to={item.href}>{title}</Link> : <a href={item.href}>{title}</a>}
        {item.overdueDays ? (
          <Tag color="red" title={t('home.due', { date: formatDate(item.due!) })}>{t('home.overdue', { days: item.overdueDays })}</Tag>
        ) : (
          item.due && <Tag color="orange">{t('home.due', { date: formatDate(item.due) })}</Tag>
        )}
      </Flex>
    </li>
  );
}

function TodoGroup({ group, headed }: { group: Group; headed: boolean }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const label = t(group.label);
  const shown = group.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <section aria-label={label}>
      {headed && (
        <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('home.todoGroup', { label, n: group.count })}</Typography.Text>
          {group.overdue > 0 && <Tag color="red">{t('home.todoOverdue', { n: group.overdue })}</Tag>}
        </Flex>
      )}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {shown.map((item, index) => <TodoRow key={`${item.href}-${index}`} item={item} first={index === 0} />)}
      </ul>
      {group.items.length > PAGE_SIZE && (
        <Flex justify="end">
          <Pagination simple size="small" current={page} pageSize={PAGE_SIZE} total={group.items.length} onChange={setPage} />
        </Flex>
      )}
    </section>
  );
}

export function TodoList() {
  const { t } = useI18n();
  const todos = useQuery({
    queryKey: keys.todos,
    queryFn: ({ signal }) => api.get<ItemList<Todo>>('/api/v1/todos', undefined, signal),
  });
  if (todos.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (todos.isError) return <QueryError error={todos.error} onRetry={() => void todos.refetch()} />;
  const items = todos.data.items;
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noTodos')} />;
  const groups = groupOf(items);
  // A short list of one kind needs no headings.
  const headed = groups.length > 1 || items.length > PAGE_SIZE;
  const overdue = items.filter((i) => i.overdueDays).length;
  return (
    <Flex vertical gap={8}>
      {headed && (
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('home.todoSummary', { total: items.reduce((n, i) => n + countOf(i), 0) })}</Typography.Text>
          {overdue > 0 && <Typography.Text type="danger" strong>{t('home.todoOverdue', { n: overdue })}</Typography.Text>}
        </Flex>
      )}
      {groups.map((g) => <TodoGroup key={g.label} group={g} headed={headed} />)}
    </Flex>
  );
}
