// 批量交办: the same lead and co units for many filed proposals (POST /proposals/bulk/assign, all or none).
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { applyServerErrors } from '../formErrors';
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
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitAssignValues>();
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidateProposals();

  const save = useMutation({
    mutationFn: (v: UnitAssignValues) => api.post<{ assigned: number }>('/api/v1/proposals/bulk/assign', { ids, ...unitsBody(v) }),
    onSuccess: (r) => {
      message.success(t('proposal.bulk.done', { count: r.assigned }));
      invalidate();
      onDone();
    },
    onError: (err) => setError(applyServerErrors(form, err)),
  });

  return (
    <Modal
      open={open}
      title={t('proposal.bulk.title', { count: ids.length })}
      okText={t('proposal.form.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => setError(null)}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<UnitAssignValues>
        form={form}
        layout="vertical"
        name="bulkAssign"
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <UnitAssignFields />
      </Form>
    </Modal>
  );
}
