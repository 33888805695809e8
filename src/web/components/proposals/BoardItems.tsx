// The items of one unit on the 督办看板 (proposals, recommendations): each linked, with its state,
// whether the unit has signed for it, and its due date (red once past).
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Flex, Space, Tag, Typography, theme } from 'antd';
import { useI18n } from '../../i18n';
import { DueDate, KeyTag } from './ProposalTags';

export interface BoardEntry { key: string; href: string; title: string; subtitle?: string; state: ReactNode; isKey?: boolean; signed: boolean; dueOn: string }

export function BoardItems({ entries }: { entries: BoardEntry[] }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {entries.map((e, i) => (
        <li key={e.key} style={{ padding: '8px 0', borderTop: i ? `1px solid ${token.colorBorderSecondary}` : undefined }}>
          <Flex wrap gap={8} align="center">
            <Flex vertical style={{ flex: '1 1 240px', minWidth: 0 }}>
              <Link to={e.href}>{e.title}</Link>
              {e.subtitle && <Typography.Text type="secondary">{e.subtitle}</Typography.Text>}
            </Flex>
            <Space size={4} wrap>
              {e.state}
              {e.isKey && <KeyTag />}
              {!e.signed && <Tag color="gold">{t('proposal.board.unsigned')}</Tag>}
              <DueDate day={e.dueOn} />
            </Space>
          </Flex>
        </li>
      ))}
    </ul>
  );
}
