// The page area of both layouts: centred, padded, with a spinner while a lazy page loads. antd's App
// (the message, notification and modal hooks the pages use) starts here rather than at the root, so
// the login page does not load it.
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { App as AntApp, Flex, Layout, Spin } from 'antd';

/** Toasts below the 56 px header, not over its controls (a committee switched back at once, the bell, the menu). */
export const TOASTS = { top: 64 };

/** pageKey: the page starts anew when it changes (the committee worked in: none of the other's data or filters stays). */
export function PageContent({ isMobile, maxWidth, pageKey }: { isMobile: boolean; maxWidth: number; pageKey?: string }) {
  return (
    <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
      <AntApp style={{ maxWidth, margin: '0 auto' }} message={TOASTS}>
        <Suspense
          fallback={
            <Flex justify="center" style={{ padding: 48 }}>
              <Spin />
            </Flex>
          }
        >
          <Outlet key={pageKey} />
        </Suspense>
      </AntApp>
    </Layout.Content>
  );
}
