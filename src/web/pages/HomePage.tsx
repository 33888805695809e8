import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Flex, Row, Typography } from 'antd';
import { RightOutlined, SolutionOutlined } from '@ant-design/icons';
import { useUser } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import { NAV_ITEMS, canUse, navText } from '../layout/navigation';
import { RoleTags } from '../components/RoleTags';
import { TodoList } from '../components/TodoList';
import { HomeCharts } from '../components/dashboard/HomeCharts';

function greetingKey(hour: number): MessageKey {
  if (hour < 5) return 'home.greeting';
  if (hour < 12) return 'home.morning';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

export default function HomePage() {
  const user = useUser();
  const { t } = useI18n();
  const shortcuts = NAV_ITEMS.filter((item) => item.shortcut && canUse(item, user));
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

      <HomeCharts />

      <section aria-label={t('home.shortcuts')}>
        <Typography.Title level={5}>{t('home.shortcuts')}</Typography.Title>
        <Row gutter={[12, 12]} align="stretch">
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
    <Link to={props.to} style={{ display: 'block', height: '100%' }}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Flex align="center" gap={12}>
          <span style={{ fontSize: 22 }} aria-hidden>
            {props.icon}
          </span>
          <Flex vertical style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong>{props.title}</Typography.Text>
            {/* Wraps rather than cut off: in English a description passes one line of a card. */}
            <Typography.Text type="secondary">
              {props.description}
            </Typography.Text>
          </Flex>
          <RightOutlined aria-hidden />
        </Flex>
      </Card>
    </Link>
  );
}
