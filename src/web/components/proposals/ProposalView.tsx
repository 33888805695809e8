// A whole proposal, as its reader sees it: shared by the detail page and the public page.
import type { ReactNode } from 'react';
import { Col, Flex, Row, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { AssignmentSection } from './AssignmentSection';
import { HandlingSection } from './HandlingSection';
import { HistoryTimeline } from './HistoryTimeline';
import type { Proposal } from './model';
import { ProposalInfo } from './ProposalInfo';
import { ProposalTags } from './ProposalTags';
import { ReplySection } from './ReplySection';
import { SupervisionSection } from './SupervisionSection';
import { useProposalNumber } from './ProposalTags';

/** Title line under the page heading (a group named 提案状态): state, key and published tags, and the number. */
export function ProposalSubtitle({ p }: { p: Proposal }) {
  const { t } = useI18n();
  const numberOf = useProposalNumber();
  return (
    <Flex wrap gap={8} align="center" role="group" aria-label={t('proposal.stateLine')} style={{ marginTop: -8, marginBottom: 16 }}>
      <ProposalTags state={p.state} isKey={p.isKey} published={p.published} />
      {p.numberLabel && <Typography.Text type="secondary">{numberOf(p)}</Typography.Text>}
    </Flex>
  );
}

interface Props {
  p: Proposal;
  /** The public page: no handling log, supervision, extensions, ratings, history or letters. */
  publicView?: boolean;
  /** Shown above the sections (e.g. a hint about what to do next). */
  notice?: ReactNode;
}

export function ProposalView({ p, publicView = false, notice }: Props) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Flex vertical gap={16}>
          {notice}
          <ProposalInfo p={p} linkBase={publicView ? '/public/proposals' : '/proposals'} />
          <ReplySection p={p} letters={!publicView} />
          {!publicView && <SupervisionSection p={p} />}
          {!publicView && <HandlingSection p={p} />}
        </Flex>
      </Col>
      <Col xs={24} lg={8}>
        <Flex vertical gap={16}>
          <AssignmentSection p={p} publicView={publicView} />
          {!publicView && <HistoryTimeline proposalId={p.id} />}
        </Flex>
      </Col>
    </Row>
  );
}
