// 答复 and 办理评价: each reply with its category and letter downloads, and the proposer's ratings.
import { Button, Card, Flex, Space, Tag, Typography, theme } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { CATEGORY_COLORS, SATISFACTION_COLORS } from './model';
import type { HandledItem, ProposalReply } from './model';
import { proposalPath } from './queries';
import { AttachmentLinks } from './Attachments';

function Letters({ proposalId, reply }: { proposalId: string; reply: ProposalReply }) {
  const { t } = useI18n();
  const base = `${proposalPath(proposalId)}/replies/${encodeURIComponent(reply.id)}/letter`;
  return (
    <Space size={8} wrap>
      <Button size="small" icon={<FileWordOutlined />} href={`${base}.docx`} download>
        {t('proposal.letterDocx')}
      </Button>
      <Button size="small" icon={<FilePdfOutlined />} href={`${base}.pdf`} download>
        {t('proposal.letterPdf')}
      </Button>
    </Space>
  );
}

/** `letters`: offer the reply letters (proposals only, not on the public page). */
export function ReplySection({ p, letters }: { p: HandledItem; letters: boolean }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { token } = theme.useToken();
  const divider = (i: number) => ({ borderTop: i ? `1px solid ${token.colorBorderSecondary}` : undefined, paddingTop: i ? 12 : 0 });

  return (
    <>
      {p.replies.length > 0 && (
        <Card title={t('proposal.section.replies')} size="small">
          <Flex vertical gap={12}>
            {[...p.replies].reverse().map((r, i) => (
              <Flex vertical gap={6} key={r.id} style={divider(i)}>
                <Space size={6} wrap>
                  <Typography.Text strong>{t('proposal.replyRound', { round: r.round })}</Typography.Text>
                  <Tag color={CATEGORY_COLORS[r.category]}>{t(`proposal.category.${r.category}`)}</Tag>
                  <Typography.Text type="secondary">
                    {[r.unitName, formatDate(r.createdAt), r.signer ? `${t('proposal.replySigner')}${t('common.labelSep')}${r.signer}` : null].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.content}</Typography.Paragraph>
                <AttachmentLinks files={r.attachments} />
                {letters && <Letters proposalId={p.id} reply={r} />}
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
      {p.evaluations.length > 0 && (
        <Card title={t('proposal.section.evaluations')} size="small">
          <Flex vertical gap={12}>
            {[...p.evaluations].reverse().map((e, i) => (
              <Flex vertical gap={4} key={`${e.round}-${e.createdAt}`} style={divider(i)}>
                <Space size={6} wrap>
                  <Typography.Text strong>{t('proposal.evaluationRound', { round: e.round })}</Typography.Text>
                  <Tag color={SATISFACTION_COLORS[e.satisfaction]}>{t(`proposal.satisfaction.${e.satisfaction}`)}</Tag>
                  {e.resultSatisfaction && (
                    <Tag color={SATISFACTION_COLORS[e.resultSatisfaction]}>
                      {t('proposal.resultSatisfaction', { value: t(`proposal.satisfaction.${e.resultSatisfaction}`) })}
                    </Tag>
                  )}
                  {e.contacted !== null && <Tag>{t(e.contacted ? 'proposal.contactedYes' : 'proposal.contactedNo')}</Tag>}
                  {e.contactMethod && e.contactMethod !== 'none' && e.contacted !== false && <Tag>{t(`proposal.contactMethod.${e.contactMethod}`)}</Tag>}
                  <Typography.Text type="secondary">{formatDateTime(e.createdAt)}</Typography.Text>
                </Space>
                {e.comment && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</Typography.Text>}
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
    </>
  );
}
