// A list page: heading, one line saying what is listed, and the configured ProposalList.
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { PageHeader } from '../PageHeader';
import { ProposalList } from './ProposalList';
import type { ProposalListProps } from './ProposalList';

interface Props extends ProposalListProps {
  title: MessageKey;
  intro?: MessageKey;
  introVars?: Record<string, string | number>;
  extra?: ReactNode;
}

export function ProposalListPage({ title, intro, introVars, extra, ...list }: Props) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t(title)} extra={extra} />
      {intro && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t(intro, introVars)}
        </Typography.Paragraph>
      )}
      <ProposalList {...list} />
    </>
  );
}
