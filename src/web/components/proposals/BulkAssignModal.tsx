// 批量交办: the same lead and co units for many filed proposals (POST /proposals/bulk/assign, all or none).
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { FormModal } from '../FormModal';
import { useInvalidateProposals } from './queries';
import { UnitAssignFields, unitsBody } from './UnitAssignFields';
import type { UnitAssignValues } from './UnitAssignFields';

interface Props {
  open: boolean;
  ids: string[];
  onClose: () => void;
  onDone: () => void;
}

export function BulkAssignModal({ open, ids, onClose, onDone }: Props) {
  const { t } = useI18n();
  const invalidate = useInvalidateProposals();

  const save = useMutation({
    mutationFn: (v: UnitAssignValues) => api.post<{ assigned: number }>('/api/v1/proposals/bulk/assign', { ids, ...unitsBody(v) }),
    onSuccess: invalidate,
  });

  return (
    <FormModal<UnitAssignValues, { assigned: number }>
      title={t('proposal.bulk.title', { count: ids.length })}
      open={open}
      onClose={onClose}
      submit={save.mutateAsync}
      submitting={save.isPending}
      done={(r) => t('proposal.bulk.done', { count: r.assigned })}
      onDone={onDone}
      name="bulkAssign"
    >
      <UnitAssignFields />
    </FormModal>
  );
}
