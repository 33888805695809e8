// The bell in the header: unread count, and a drawer with my notifications, newest first, a page
// at a time (older ones load on request). Opening one marks it read and goes to its page.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, Flex, Segmented, Spin, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useIsMobile } from '../layout/useIsMobile';
import { keys } from '../queries';
import type { AppNotification } from './proposals/model';
import { QueryError } from './QueryError';
import { useNoticeText } from './useNoticeText';

interface NotificationPage {
  items: AppNotification[];
  total: number;
  unread: number;
}

const PAGE_SIZE = 20;

const isAppPath = (href: string) => href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/api/');

export function NotificationBell() {
  const { t, formatDateTime } = useI18n();
  const textOf = useNoticeText();
  const { token } = theme.useToken();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);

  // The count is polled; the list loads when the drawer opens.
  const count = useQuery({
    queryKey: [...keys.notifications, 'count'],
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/v1/notifications', { unread: true, page: 1, pageSize: 1 }, signal),
    select: (d) => d.unread,
    refetchInterval: 60_000,
  });
  const list = useInfiniteQuery({
    queryKey: [...keys.notifications, 'list', unreadOnly],
    initialPageParam: 1,
    queryFn: ({ pageParam, signal }) =>
      api.get<NotificationPage>('/api/v1/notifications', { unread: unreadOnly || undefined, page: pageParam, pageSize: PAGE_SIZE }, signal),
    getNextPageParam: (last, pages) => (last.items.length && pages.length * PAGE_SIZE < last.total ? pages.length + 1 : undefined),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const pages = list.data?.pages ?? [];
  // (a notice read meanwhile may move between pages of the unread list: shown once)
  const items = [...new Map(pages.flatMap((p) => p.items).map((n) => [n.id, n])).values()];
  const total = pages.at(-1)?.total ?? 0;

  const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.notifications });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onSettled: refresh,
  });
  const readAll = useMutation({ mutationFn: () => api.post('/api/v1/notifications/read-all'), onSettled: refresh });

  const openItem = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.href) {
      setOpen(false);
      if (isAppPath(n.href)) navigate(n.href);
      else window.location.assign(n.href);
    }
  };

  const unread = count.data ?? 0;
  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notify.open', { count: unread })}
          title={t('notify.title')}
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('notify.title')}
        size={isMobile ? '100%' : 400}
        extra={
          <Button size="small" disabled={!unread} loading={readAll.isPending} onClick={() => readAll.mutate()}>
            {t('notify.readAll')}
          </Button>
        }
        styles={{ body: { padding: 0 } }}
      >
        <div style={{ padding: '12px 16px' }}>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[
              { value: 'all', label: t('notify.all') },
              { value: 'unread', label: t('notify.unreadOnly') },
            ]}
          />
        </div>
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        <Spin spinning={list.isFetching && !list.isFetchingNextPage}>
          {list.data && !items.length ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((n) => ({ ...n, ...textOf(n) })).map((n) => (
                <li
                  key={n.id}
                  onClick={() => openItem(n)}
                  style={{
                    cursor: n.href ? 'pointer' : undefined,
                    padding: '10px 16px',
                    borderTop: `1px solid ${token.colorBorderSecondary}`,
                    background: n.readAt ? undefined : token.colorPrimaryBg,
                  }}
                >
                  <Flex vertical gap={2}>
                    <Flex justify="space-between" gap={8}>
                      {n.href ? (
                        <a
                          href={n.href}
                          onClick={(e) => {
                            e.preventDefault();
                            e.stopPropagation();
                            openItem(n);
                          }}
                        >
                          <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                        </a>
                      ) : (
                        <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                      )}
                      {!n.readAt && <Badge status="processing" />}
                    </Flex>
                    {n.body && <Typography.Text type="secondary">{n.body}</Typography.Text>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </Flex>
                </li>
              ))}
            </ul>
          )}
          {list.hasNextPage && (
            <div style={{ padding: '12px 16px' }}>
              <Button block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('notify.more', { shown: items.length, total })}
              </Button>
            </div>
          )}
        </Spin>
      </Drawer>
    </>
  );
}
