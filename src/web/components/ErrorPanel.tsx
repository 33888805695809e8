// What antd's Result shows for an error, without Result: its module brings the three illustrations
// (404, 403, 500; ~30 KB) into the entry chunk, which the login page's first visit would carry. For
// the pages of the entry (RouteError, the guards); lazy pages use antd's Result.
import type { CSSProperties, ReactNode } from 'react';
import { Flex, theme } from 'antd';
import type { GlobalToken } from 'antd';
import { CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';

/** A heading as antd's Typography.Title draws it, for the entry's pages, which do without Typography. */
export function heading(token: GlobalToken, level: 2 | 3 | 4, style?: CSSProperties): CSSProperties {
  return {
    marginBottom: '0.5em', color: token.colorTextHeading, fontWeight: token.fontWeightStrong,
    fontSize: token[`fontSizeHeading${level}`], lineHeight: token[`lineHeightHeading${level}`], ...style,
  };
}

export function ErrorPanel({ warning, title, detail, action }: { warning?: boolean; title: string; detail?: ReactNode; action: ReactNode }) {
  const { token } = theme.useToken();
  const Icon = warning ? ExclamationCircleFilled : CloseCircleFilled;
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 32px', textAlign: 'center' }}>
      <Icon style={{ fontSize: 72, color: warning ? token.colorWarning : token.colorError }} />
      <h3 style={heading(token, 3, { margin: '16px 0 0' })}>{title}</h3>
      {detail && <div style={{ color: token.colorTextSecondary }}>{detail}</div>}
      <div style={{ marginTop: 16 }}>{action}</div>
    </Flex>
  );
}
