// 办理过程, 延期申请 and 提案质量评价: what the units did while handling (not on the public page).
import { Card, Flex, Rate, Space, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { AttachmentLinks } from './Attachments';
import type { HandledItem } from './model';

const EXTENSION_COLORS = { pending: 'gold', granted: 'green', refused: 'red', withdrawn: 'default', lapsed: 'default' } as const;

export function HandlingSection({ p }: { p: HandledItem }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const unitName = (unitId: string) => p.assignments.find((a) => a.unitId === unitId)?.unitName ?? t('common.none');

  return (
    <>
      {p.logs.length > 0 && (
        <Card title={t('proposal.section.logs')} size="small">
          <Timeline
            items={p.logs.map((l) => ({
              key: l.id,
              content: (
                <Flex vertical gap={2}>
                  <Space size={6} wrap>
                    <Typography.Text strong>{formatDate(l.date)}</Typography.Text>
                    <Tag>{t(`proposal.contactKind.${l.kind}`)}</Tag>
                    <Typography.Text type="secondary">{l.unitName}</Typography.Text>
                  </Space>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{l.content}</Typography.Text>
                  <AttachmentLinks files={l.attachments} />
                </Flex>
              ),
            }))}
          />
        </Card>
      )}
      {p.extensions.length > 0 && (
        <Card title={t('proposal.section.extensions')} size="small">
          <Flex vertical gap={10}>
            {p.extensions.map((x) => (
              <Flex vertical gap={2} key={x.id}>
                <Space size={6} wrap>
                  <Tag color={EXTENSION_COLORS[x.state]}>{t(`proposal.extensionState.${x.state}`)}</Tag>
                  <Typography.Text>
                    {t('proposal.requestedDueOn')}{t('common.labelSep')}{formatDate(x.requestedDueOn)}
                  </Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(x.requestedAt)}</Typography.Text>
                </Space>
                <Typography.Text>
                  {t('proposal.reason')}{t('common.labelSep')}{x.reason}
                </Typography.Text>
                {x.decisionNote && (
                  <Typography.Text type="secondary">
                    {t('proposal.decisionNote')}{t('common.labelSep')}{x.decisionNote}
                  </Typography.Text>
                )}
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
      {!!p.ratings?.length && (
        <Card title={t('proposal.section.ratings')} size="small">
          <Flex vertical gap={10}>
            {p.ratings.map((r) => (
              <Flex vertical gap={2} key={r.unitId}>
                <Typography.Text strong>{unitName(r.unitId)}</Typography.Text>
                <Space size={16} wrap>
                  {(['topic', 'research', 'feasibility'] as const).map((k) => (
                    <span key={k}>
                      {t(`proposal.rating.${k}`)} <Rate disabled value={r[k]} style={{ fontSize: 14 }} />
                    </span>
                  ))}
                </Space>
                {r.comment && <Typography.Text type="secondary">{r.comment}</Typography.Text>}
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
    </>
  );
}
