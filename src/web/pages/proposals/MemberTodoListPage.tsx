// Member lists taken from the to-do list: 附议请求 (drafts I am asked to co-sign) and 待评价答复
// (my proposals with a reply to evaluate). The list items carry no co-signers, the to-dos do.
import { Skeleton } from 'antd';
import type { MessageKey } from '../../i18n';
import { QueryError } from '../../components/QueryError';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import type { ProposalState } from '../../components/proposals/model';
import { useTodos } from '../../components/proposals/queries';

interface Config {
  todoKind: string;
  state: ProposalState;
  title: MessageKey;
  intro: MessageKey;
}

const idOf = (href: string) => /^\/proposals\/([^/?#]+)$/.exec(href)?.[1];

function MemberTodoListPage({ todoKind, state, title, intro }: Config) {
  const todos = useTodos();
  const ids = (todos.data ?? []).filter((x) => x.kind === todoKind).map((x) => idOf(x.href)).filter((x): x is string => !!x);
  const placeholder = todos.isPending ? (
    <Skeleton active paragraph={{ rows: 4 }} />
  ) : todos.isError ? (
    <QueryError error={todos.error} onRetry={() => void todos.refetch()} />
  ) : undefined;
  return (
    <ProposalListPage
      title={title}
      intro={intro}
      placeholder={placeholder}
      query={{ mine: true, state: [state] }}
      onlyIds={ids}
      columns={['title', 'proposer', 'kind', 'units', 'updatedAt']}
    />
  );
}

export function CosignRequestsPage() {
  return <MemberTodoListPage todoKind="cosign" state="draft" title="nav.cosignRequests" intro="proposal.cosign.intro" />;
}

export function RepliesToEvaluatePage() {
  return <MemberTodoListPage todoKind="evaluate" state="replied" title="nav.toEvaluate" intro="proposal.evaluate.intro" />;
}
