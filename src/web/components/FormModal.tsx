// A dialog with a form whose submission is one write: OK spins while it runs, then the dialog closes
// with a toast, or stays open with the server's message above the fields it names.
// The form lives inside the dialog (destroyed when hidden), so each opening starts from its own
// initial values; the OK button submits it through the form attribute. The browser's own checks
// (an input's max, …) are off: they would block the submission with a browser bubble instead of
// the form's or the server's message.
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useI18n } from '../i18n';
import { applyServerErrors } from './formErrors';

export interface FormModalProps<V, R = unknown> {
  title: string;
  open: boolean;
  onClose: () => void;
  afterClose?: () => void;
  /** The write; resolves on success, rejects with the server's error. */
  submit: (values: V) => Promise<R>;
  submitting: boolean;
  /** The toast after success, or made from the server's answer. */
  done: string | ((result: R) => string);
  /** After success, before the dialog closes. */
  onDone?: (result: R) => void;
  /** A question asked once the fields are valid, before the write (an irreversible action). */
  confirm?: string;
  /** The OK button's text; 确定 by default. */
  okText?: string;
  /** The form's name (its fields' ids start with it); by default a unique one. */
  name?: string;
  width?: number;
  initialValues?: Partial<V>;
  intro?: ReactNode;
  children: ReactNode;
}

export function FormModal<V extends object, R = unknown>({ title, open, onClose, afterClose, submit, submitting, done, confirm, onDone, okText, name, width, initialValues, intro, children }: FormModalProps<V, R>) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const uniqueId = `form-${useId().replace(/[^\w]/g, '')}`;
  const formId = name ?? uniqueId;
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('proposal.form.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={submitting}
      onCancel={onClose}
      afterClose={afterClose}
      destroyOnHidden
      width={width}
    >
      <FormBody<V>
        id={formId}
        initialValues={initialValues}
        intro={intro}
        onFinish={(values, fail) => {
          const write = () =>
            void submit(values).then((result) => {
              message.success(typeof done === 'function' ? done(result) : done);
              onDone?.(result);
              onClose();
            }, fail);
          if (!confirm) return write();
          modal.confirm({ title: confirm, okText: title, cancelText: t('common.cancel'), onOk: write });
        }}
      >
        {children}
      </FormBody>
    </Modal>
  );
}

interface BodyProps<V> {
  id: string;
  initialValues?: Partial<V>;
  intro?: ReactNode;
  children: ReactNode;
  onFinish: (values: V, fail: (err: unknown) => void) => void;
}

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
        noValidate
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
