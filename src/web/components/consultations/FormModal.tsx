// The form dialog of one write to a consultation or the plan: everything about them is read again after it.
import { FormModal as WriteFormModal } from '../FormModal';
import type { FormModalProps } from '../FormModal';
import { useConsultationWrite } from './queries';

export function FormModal<V extends object, R = unknown>({ submit, ...props }: Omit<FormModalProps<V, R>, 'submitting'>) {
  const write = useConsultationWrite(submit);
  return <WriteFormModal<V, R> {...props} submit={write.mutateAsync} submitting={write.isPending} />;
}
