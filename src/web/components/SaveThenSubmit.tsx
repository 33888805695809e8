// The compose pages' save path: save the draft (create or update) and, when the user pressed
// "save and submit", submit it right after. A refused submit keeps the saved draft and says why.
import { useRef } from 'react';
import type { MutableRefObject } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import type { UseMutationResult } from '@tanstack/react-query';
import { App, Button, Flex } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import { problemText } from './formErrors';

interface Options<V, T> {
  save: (v: V) => Promise<T>;
  /** The object's API path (its submit action is `${apiPath}/actions/submit`) and page path. */
  apiPath: (id: string) => string;
  pagePath: (id: string) => string;
  messages: { saved: MessageKey; submitted: MessageKey; submitFailed: MessageKey };
  invalidate: () => void;
  /** Editing an existing draft: its page replaces the edit page in the history. */
  editing: boolean;
  onError: (err: unknown) => void;
}

export interface SaveThenSubmit<V, T> {
  save: UseMutationResult<{ saved: T; submitError: string | null }, unknown, V>;
  submitAfterSave: MutableRefObject<boolean>;
}

export function useSaveThenSubmit<V, T extends { id: string }>(o: Options<V, T>): SaveThenSubmit<V, T> {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const submitAfterSave = useRef(false);
  const save = useMutation({
    mutationFn: async (v: V) => {
      const saved = await o.save(v);
      if (!submitAfterSave.current) return { saved, submitError: null };
      try {
        await api.post(`${o.apiPath(saved.id)}/actions/submit`, {});
        return { saved, submitError: null };
      } catch (err) {
        return { saved, submitError: problemText(err) };
      }
    },
    onSuccess: ({ saved, submitError }) => {
      o.invalidate();
      if (submitError) message.warning(t(o.messages.submitFailed, { reason: submitError }), 8);
      else message.success(t(submitAfterSave.current ? o.messages.submitted : o.messages.saved));
      navigate(o.pagePath(saved.id), { replace: o.editing });
    },
    onError: o.onError,
  });
  return { save, submitAfterSave };
}

/** "Save draft" and, where submitting is possible, "Save and submit": both submit the form. */
export function SaveButtons<V, T>({ s, saveLabel, submitLabel }: { s: SaveThenSubmit<V, T>; saveLabel: string; submitLabel?: string }) {
  const { save, submitAfterSave } = s;
  return (
    <Flex wrap gap={8}>
      <Button htmlType="submit" loading={save.isPending && !submitAfterSave.current} onClick={() => (submitAfterSave.current = false)}>
        {saveLabel}
      </Button>
      {submitLabel && (
        <Button type="primary" htmlType="submit" loading={save.isPending && submitAfterSave.current} onClick={() => (submitAfterSave.current = true)}>
          {submitLabel}
        </Button>
      )}
    </Flex>
  );
}
