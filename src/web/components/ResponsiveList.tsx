// A list as an antd table on desktop and as cards on phones, with the same empty text, loading
// state, error and paging on both.
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { Empty, Flex, Pagination, Spin, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useI18n } from '../i18n';
import { useIsMobile } from '../layout/useIsMobile';
import { QueryError } from './QueryError';

export interface ListPaging {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
  /** Show "共 N 条" (off when the total is only a guess). */
  showTotal?: boolean;
}

interface Props<T> {
  items: readonly T[];
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
  /** One item's card on phones; without it (and renderCards) the table shows on every screen. */
  renderCard?: (item: T) => ReactNode;
  /** All the items in one piece on phones (e.g. a Collapse), instead of a card each. */
  renderCards?: (items: readonly T[]) => ReactNode;
  /** The request behind the items: its loading state, and its error above the list. */
  query: Pick<UseQueryResult, 'isFetching' | 'isPending' | 'isError' | 'error' | 'refetch'>;
  /** None: antd's own 暂无数据. */
  emptyText?: string;
  /** None: all the items on one page. */
  paging?: ListPaging;
  table?: Pick<TableProps<T>, 'onRow' | 'rowSelection' | 'expandable' | 'rowClassName'>;
}

export function ResponsiveList<T extends object>({ items, rowKey, columns, renderCard, renderCards, query, emptyText, paging, table }: Props<T>) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const empty = <Empty description={emptyText} />;

  const error = query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (error && !items.length) return error;
  const cards = isMobile && (renderCard || renderCards);
  return (
    <>
      {error}
      {cards ? (
        <Spin spinning={query.isFetching}>
          <Flex vertical gap={8}>
            {!items.length && !query.isPending && empty}
            {items.length > 0 && renderCards?.(items)}
            {renderCard && items.map((item) => <Fragment key={String(item[rowKey])}>{renderCard(item)}</Fragment>)}
            {paging && paging.total > 0 && (
              <Flex justify="center" style={{ marginTop: 8 }}>
                <Pagination simple current={paging.page} pageSize={paging.pageSize} total={paging.total} onChange={paging.onChange} />
              </Flex>
            )}
          </Flex>
        </Spin>
      ) : (
        <Table<T>
          {...table}
          rowKey={rowKey}
          size="middle"
          columns={columns}
          dataSource={items}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          locale={emptyText ? { emptyText: empty } : undefined}
          pagination={
            paging
              ? {
                  current: paging.page,
                  pageSize: paging.pageSize,
                  total: paging.total,
                  showSizeChanger: true,
                  showTotal: paging.showTotal === false ? undefined : (n: number) => t('common.total', { total: n }),
                  onChange: paging.onChange,
                }
              : false
          }
        />
      )}
    </>
  );
}
