// The frame of the pages outside the app's menu (choosing a password, registering): a centred
// panel on the page's background, the language switch in the corner.
import type { ReactNode } from 'react';
import { Flex, theme } from 'antd';
import { LanguageSwitch } from './LanguageSwitch';

export function AuthPanel({ maxWidth, children }: { maxWidth: number; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: token.colorBgLayout }}>
      <div style={{ position: 'absolute', top: 8, right: 8 }}>
        <LanguageSwitch />
      </div>
      {/* `maxWidth` is the content's; border-box, so that at phone width the full width includes the padding (else it overflows the page). */}
      <div style={{ boxSizing: 'border-box', width: '100%', maxWidth: maxWidth + 2 * (token.paddingLG + token.lineWidth), padding: token.paddingLG, background: token.colorBgContainer, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG }}>
        {children}
      </div>
    </Flex>
  );
}
