// A dialog with a form whose submission is one write to a selection; server errors land on the fields.
// The form lives inside the dialog (destroyed when hidden), so each opening starts from its own
// initial values; the OK button submits it through the form attribute.
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useI18n } from '../../i18n';
import { applyServerErrors } from '../formErrors';
import { useSelectionWrite } from './queries';

interface Props<V> {
  title: string;
  open: boolean;
  onClose: () => void;
  submit: (values: V) => Promise<unknown>;
  /** The toast after success. */
  done: string;
  initialValues?: Partial<V>;
  intro?: ReactNode;
  children: ReactNode;
}

export function FormModal<V extends object>({ title, open, onClose, submit, done, initialValues, intro, children }: Props<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const formId = `selection-form-${useId().replace(/[^\w]/g, '')}`;
  const write = useSelectionWrite(submit);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('proposal.form.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={write.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormBody<V> id={formId} initialValues={initialValues} intro={intro} onFinish={(values, fail) => write.mutate(values, {
        onSuccess: () => {
          message.success(done);
          onClose();
        },
        onError: fail,
      })}>
        {children}
      </FormBody>
    </Modal>
  );
}

interface BodyProps<V> { id: string; initialValues?: Partial<V>; intro?: ReactNode; children: ReactNode; onFinish: (values: V, fail: (err: unknown) => void) => void }

function FormBody<V extends object>({ id, initialValues, intro, children, onFinish }: BodyProps<V>) {
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {intro}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<V>
        form={form}
        name={id}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          setError(null);
          onFinish(values, (err) => setError(applyServerErrors(form, err)));
        }}
      >
        {children}
      </Form>
    </>
  );
}
