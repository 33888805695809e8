// A whole report as its reader sees it: details, text, adoptions, 批示 and history.
import { Card, Col, Descriptions, Empty, Flex, List, Row, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useI18n } from '../../i18n';
import { HistoryCard } from '../HistoryCard';
import type { Opinion, OpinionState } from './model';
import { LevelTag, OpinionStateTag } from './OpinionTags';
import { useOpinionHistory } from './queries';
import { useOpinionNumber } from './numberText';

const OUT: OpinionState[] = ['forwarded', 'adopted'];

function Info({ o }: { o: Opinion }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const numberOf = useOpinionNumber();
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: t('opinion.number'), children: numberOf(o) ?? t('common.none') },
    { key: 'author', label: t('opinion.author'), children: o.authorName },
    { key: 'year', label: t('opinion.year'), children: o.year },
  ];
  if (o.submittedAt) items.push({ key: 'submittedAt', label: t('opinion.submittedAt'), children: formatDateTime(o.submittedAt) });
  if (o.approvedAt) items.push({ key: 'approvedAt', label: t('opinion.approvedAt'), children: formatDateTime(o.approvedAt) });
  if (o.signer) items.push({ key: 'signer', label: t('opinion.signer'), children: o.signer });
  if (o.forwardedTo.length) {
    items.push({ key: 'forwardedTo', label: t('opinion.forwardedTo'), children: o.forwardedTo.join(t('common.listSep')) });
    items.push({ key: 'forwardedOn', label: t('opinion.forwardedOn'), children: formatDate(o.forwardedOn) });
  }
  if (o.decisionReason && ['returned', 'rejected'].includes(o.state)) {
    items.push({ key: 'reason', label: t('opinion.decisionReason'), span: 'filled', children: o.decisionReason });
  }
  return (
    <Card title={t('opinion.section.info')} size="small">
      <Descriptions items={items} size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} />
    </Card>
  );
}

function Adoptions({ o }: { o: Opinion }) {
  const { t, formatDate } = useI18n();
  return (
    <Card title={t('opinion.section.adoptions')} size="small">
      <List
        size="small"
        dataSource={o.adoptions}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinion.adoptions.empty')} /> }}
        renderItem={(a) => (
          <List.Item>
            <Flex vertical gap={2}>
              <Space size={6} wrap>
                <LevelTag level={a.level} />
                <Typography.Text strong>{a.adoptedBy}</Typography.Text>
                <Typography.Text type="secondary">{formatDate(a.date)}</Typography.Text>
              </Space>
              {a.note && <Typography.Text>{a.note}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Instructions({ o }: { o: Opinion }) {
  const { t, formatDate } = useI18n();
  return (
    <Card title={t('opinion.section.instructions')} size="small">
      <List
        size="small"
        dataSource={o.instructions}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinion.instructions.empty')} /> }}
        renderItem={(i) => (
          <List.Item>
            <Flex vertical gap={2}>
              <Space size={6} wrap>
                <LevelTag level={i.level} />
                <Typography.Text strong>{`${i.leaderPosition} ${i.leaderName}`}</Typography.Text>
                <Typography.Text type="secondary">{formatDate(i.date)}</Typography.Text>
              </Space>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{i.content}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function History({ id }: { id: string }) {
  const { t, lang, formatDatesIn } = useI18n();
  // The approval's note is written by the server: 社情民意〔2026〕第1期；签发：王某；the staff's own note.
  const noteText = (_action: string, note: string) => note.split('；').map((part) => {
    const numbered = /^社情民意〔(\d{4})〕第(\d+)期$/.exec(part);
    if (numbered) return lang === 'zh' ? part : t('opinion.numberEn', { year: numbered[1]!, number: numbered[2]! });
    const signed = /^签发：([\s\S]+)$/.exec(part);
    return signed ? t('opinion.history.signer', { name: signed[1]! }) : formatDatesIn(part);
  }).join(t('opinion.history.sep'));
  return (
    <HistoryCard<OpinionState>
      title={t('opinion.section.history')}
      history={useOpinionHistory(id)}
      actions="opinion.action"
      stateTag={(state) => <OpinionStateTag state={state} />}
      noteText={noteText}
      emptyText={t('opinion.history.empty')}
      systemName={t('opinion.history.system')}
    />
  );
}

export function OpinionView({ o }: { o: Opinion }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Flex vertical gap={16}>
          <Info o={o} />
          <Card title={t('opinion.section.body')} size="small">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.body}</Typography.Paragraph>
          </Card>
          {/* Adoptions and 批示 come once the report has gone out. */}
          {(OUT.includes(o.state) || o.adoptions.length > 0) && <Adoptions o={o} />}
          {(OUT.includes(o.state) || o.instructions.length > 0) && <Instructions o={o} />}
        </Flex>
      </Col>
      <Col xs={24} lg={8}>
        <History id={o.id} />
      </Col>
    </Row>
  );
}
