// The dialog of one workflow action that takes a body: its fields, then POST …/actions/<action>.
import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useI18n } from '../../i18n';
import { applyServerErrors } from '../formErrors';
import { ACTION_FORMS } from './actionForms';
import { useProposalAction } from './queries';

interface Props {
  proposalId: string;
  action: string;
  label: string;
  open: boolean;
  onClose: () => void;
  afterClose?: () => void;
  onDone?: () => void;
}

export function ActionModal({ proposalId, action, label, open, onClose, afterClose, onDone }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<string | null>(null);
  const run = useProposalAction(proposalId);
  const def = ACTION_FORMS[action];
  if (!def) return null;
  const { Fields } = def;

  return (
    <Modal
      open={open}
      title={label}
      okText={t('proposal.form.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => {
        setError(null);
        afterClose?.();
      }}
      destroyOnHidden
      width={action === 'reply' ? 720 : 560}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        name={`action-${action}`}
        initialValues={def.initialValues?.()}
        onFinish={(values) => {
          setError(null);
          run.mutate(
            { action, body: def.toBody(values) },
            {
              onSuccess: () => {
                message.success(t('proposal.actionDone', { action: label }));
                onDone?.();
                onClose();
              },
              onError: (err) => setError(applyServerErrors(form, err)),
            },
          );
        }}
      >
        <Fields proposalId={proposalId} />
      </Form>
    </Modal>
  );
}
