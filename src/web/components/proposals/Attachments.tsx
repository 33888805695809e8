// Attachments of replies and contact-log entries: the upload field of those forms and the links.
import { useState } from 'react';
import { App, Button, Form, Space, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorText } from '../../api';
import { useI18n } from '../../i18n';
import type { Attachment } from './model';
import { proposalPath } from './queries';

/**
 * Uploads each chosen file at once (the server checks its content) and keeps the returned ids in
 * the form field `attachmentIds`, which the reply or log entry then names.
 */
export function AttachmentField({ proposalId, base }: { proposalId: string; base?: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const sync = (all: UploadFile[]) => {
    // A refused file is said in a toast (why, in the server's words) and leaves the list: it is not attached.
    const list = all.filter((f) => f.status !== 'error');
    setFiles(list);
    form.setFieldValue('attachmentIds', list.filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id));
  };
  return (
    <Form.Item label={t('proposal.attachments')} extra={t('proposal.attachments.hint')}>
      <Form.Item name="attachmentIds" hidden><input /></Form.Item>
      <Upload
        fileList={files}
        multiple
        onChange={({ fileList }) => sync(fileList)}
        customRequest={({ file, onSuccess, onError }) => {
          const f = file as File;
          api.upload<{ id: string }>(`${proposalPath(proposalId, base)}/attachments`, 'file', f, f.name)
            .then((res) => onSuccess?.(res))
            .catch((err) => {
              message.error(t('proposal.attachments.refused', { name: f.name, reason: errorText(err) }));
              onError?.(new Error(errorText(err)));
            });
        }}
      >
        <Button icon={<UploadOutlined />}>{t('proposal.attachments.upload')}</Button>
      </Upload>
    </Form.Item>
  );
}

export function AttachmentLinks({ files }: { files?: Attachment[] }) {
  if (!files?.length) return null;
  return (
    <Space size={8} wrap>
      {files.map((f) => (
        <Button key={f.id} size="small" type="link" icon={<PaperClipOutlined />} href={f.href} download>
          {f.filename}
        </Button>
      ))}
    </Space>
  );
}
