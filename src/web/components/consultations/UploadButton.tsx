// One button that uploads one chosen file at once (the server checks its content), then tells the page.
import { useState } from 'react';
import { App, Button, Upload } from 'antd';
import type { ButtonProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../api';
import { keys } from '../../queries';
import { consultationKey } from './queries';

export function UploadButton({ label, done, send, ...button }: { label: string; done: string; send: (file: File) => Promise<unknown> } & Omit<ButtonProps, 'onClick'>) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  return (
    <Upload showUploadList={false} customRequest={({ file }) => {
      setBusy(true);
      send(file as File)
        .then(() => {
          message.success(done);
          void queryClient.invalidateQueries({ queryKey: consultationKey });
          void queryClient.invalidateQueries({ queryKey: keys.todos });
        })
        .catch((e) => message.error(errorText(e)))
        .finally(() => setBusy(false));
    }}>
      <Button icon={<UploadOutlined />} loading={busy} {...button}>{label}</Button>
    </Upload>
  );
}
