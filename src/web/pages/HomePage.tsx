import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Card, Col, Empty, Flex, Row, Skeleton, Tag, Typography, theme } from 'antd';
import { RightOutlined, SolutionOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useUser } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import { NAV_ITEMS, canUse, navText } from '../layout/navigation';
import { keys } from '../queries';
import { QueryError } from '../components/QueryError';
import { RoleTags } from '../components/RoleTags';
import type { ItemList, Todo } from '../types';

function greetingKey(hour: number): MessageKey {
  if (hour < 5) return 'home.greeting';
  if (hour < 12) return 'home.morning';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

function isInternal(href: string) {
  return href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/api/');
}

function TodoList() {
  const { t, formatDate } = useI18n();
  const { token } = theme.useToken();
  const todos = useQuery({
    queryKey: keys.todos,
    queryFn: ({ signal }) => api.get<ItemList<Todo>>('/api/v1/todos', undefined, signal),
  });
  if (todos.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (todos.isError) return <QueryError error={todos.error} onRetry={() => void todos.refetch()} />;
  if (!todos.data.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noTodos')} />;
  const titleOf = (item: Todo) => {
    const key = `todo.${item.kind}` as MessageKey;
    return item.params && t(key) !== key ? t(key, item.params) : item.title;
  };
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {todos.data.items.map((item, index) => (
        <li
          key={`${item.kind}-${item.href}-${index}`}
          style={{ padding: '10px 0', borderTop: index ? `1px solid ${token.colorBorderSecondary}` : undefined }}
        >
          <Flex justify="space-between" align="center" gap={8} wrap>
            {isInternal(item.href) ? <Link to={item.href}>{titleOf(item)}</Link> : <a href={item.href}>{titleOf(item)}</a>}
            {item.due && <Tag color="orange">{t('home.due', { date: formatDate(item.due) })}</Tag>}
          </Flex>
        </li>
      ))}
    </ul>
  );
}

export default function HomePage() {
  const user = useUser();
  const { t } = useI18n();
  const shortcuts = NAV_ITEMS.filter((item) => item.shortcut && canUse(item, user.roles));
  const name = user.displayName || user.username;

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t(greetingKey(new Date().getHours()), { name })}
        </Typography.Title>
        <Flex wrap gap={8} align="center">
          <Typography.Text type="secondary">{user.orgName}</Typography.Text>
          <RoleTags roles={user.roles} />
        </Flex>
      </div>

      <Card title={t('home.todos')}>
        <TodoList />
      </Card>

      <section aria-label={t('home.shortcuts')}>
        <Typography.Title level={5}>{t('home.shortcuts')}</Typography.Title>
        <Row gutter={[12, 12]}>
          {user.memberId && (
            <Col xs={24} sm={12} lg={8}>
              <Shortcut to={`/members/${user.memberId}`} icon={<SolutionOutlined />} title={t('home.myProfile')} description={t('home.shortcut.profile')} />
            </Col>
          )}
          {shortcuts.map((item) => {
            const text = navText(item, user.roles);
            return (
              <Col xs={24} sm={12} lg={8} key={item.path}>
                <Shortcut to={item.path} icon={item.icon} title={t(text.label)} description={t(text.description)} />
              </Col>
            );
          })}
        </Row>
      </section>
    </Flex>
  );
}

function Shortcut(props: { to: string; icon: ReactNode; title: string; description: string }) {
  return (
    <Link to={props.to} style={{ display: 'block' }}>
      <Card hoverable size="small">
        <Flex align="center" gap={12}>
          <span style={{ fontSize: 22 }} aria-hidden>
            {props.icon}
          </span>
          <Flex vertical style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong>{props.title}</Typography.Text>
            <Typography.Text type="secondary" ellipsis>
              {props.description}
            </Typography.Text>
          </Flex>
          <RightOutlined aria-hidden />
        </Flex>
      </Card>
    </Link>
  );
}
