// The page area of both layouts: centred, padded, with a spinner while a lazy page loads.
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { Flex, Layout, Spin } from 'antd';

export function PageContent({ isMobile, maxWidth }: { isMobile: boolean; maxWidth: number }) {
  return (
    <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
      <div style={{ maxWidth, margin: '0 auto' }}>
        <Suspense
          fallback={
            <Flex justify="center" style={{ padding: 48 }}>
              <Spin />
            </Flex>
          }
        >
          <Outlet />
        </Suspense>
      </div>
    </Layout.Content>
  );
}
