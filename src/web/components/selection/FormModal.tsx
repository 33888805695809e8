// The form dialog of one write to a selection: everything about selections is read again after it.
import { FormModal as WriteFormModal } from '../FormModal';
import type { FormModalProps } from '../FormModal';
import { useSelectionWrite } from './queries';

export function FormModal<V extends object>({ submit, ...props }: Omit<FormModalProps<V>, 'submitting'>) {
  const write = useSelectionWrite(submit);
  return <WriteFormModal<V> {...props} submit={write.mutateAsync} submitting={write.isPending} />;
}
