// The library documents linked to an item (GET /api/v1/documents/linked): a proposal, a
// consultation (each checklist item shows its own, by `part`) or a member's record. Shows nothing
// when there are none, or when the caller may not read them.
import { Link } from 'react-router-dom';
import { Card, Flex, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { LinkedDoc, LinkKind } from '../../pages/library/libraryApi';

export function useLinkedDocuments(kind: LinkKind, targetId: string | undefined) {
  return useQuery({
    queryKey: ['library', 'linked', kind, targetId], enabled: !!targetId, retry: false,
    queryFn: () => api.get<{ items: LinkedDoc[] }>('/api/v1/documents/linked', { kind, targetId }),
  });
}

/** Links to the documents, one a line (title and format). */
export function DocumentLinks({ docs }: { docs: LinkedDoc[] }) {
  return (
    <Flex vertical gap={2}>
      {docs.map((d) => (
        <Link key={d.id} to={`/library/${d.id}`} style={{ overflowWrap: 'anywhere' }}>
          <FileTextOutlined /> {d.title} <Typography.Text type="secondary">{d.format.toUpperCase()}</Typography.Text>
        </Link>
      ))}
    </Flex>
  );
}

/** A card of the item's documents (those linked to it as a whole: part ''), or nothing. */
export function LinkedDocuments({ kind, targetId }: { kind: LinkKind; targetId: string | undefined }) {
  const { t } = useI18n();
  const docs = (useLinkedDocuments(kind, targetId).data?.items ?? []).filter((d) => !d.part);
  if (!docs.length) return null;
  return (
    <Card size="small" title={t('library.linkedDocs')} style={{ marginTop: 16 }}><DocumentLinks docs={docs} /></Card>
  );
}
