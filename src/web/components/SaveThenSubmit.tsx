// The compose pages' save path: save the draft (create or update) and, when the user pressed
// "save and submit", submit it right after. A refused submit keeps the saved draft and says why.
// The saved object's page opens on the server's last answer (the draft, or the submitted one):
// nothing is fetched again on the way there.
import { useRef } from 'react';
import type { MutableRefObject } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryKey, UseMutationResult } from '@tanstack/react-query';
import { App, Button, Flex } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import { keys } from '../queries';
import { problemText } from './formErrors';

interface Options<V, T> {
  save: (v: V) => Promise<T>;
  /** The object's API path (its submit action is `${apiPath}/actions/submit`) and page path. */
  apiPath: (id: string) => string;
  pagePath: (id: string) => string;
  messages: { saved: MessageKey; submitted: MessageKey; submitFailed: MessageKey };
  /** The kind's queries (its page's is `[...queryKey, 'detail', id]`): a save makes them stale. */
  queryKey: QueryKey;
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
  const queryClient = useQueryClient();
  const submitAfterSave = useRef(false);
  const save = useMutation({
    mutationFn: async (v: V) => {
      const saved = await o.save(v);
      if (!submitAfterSave.current) return { saved, submitError: null };
      try {
        return { saved: await api.post<T>(`${o.apiPath(saved.id)}/actions/submit`, {}), submitError: null };
      } catch (err) {
        return { saved, submitError: problemText(err) };
      }
    },
    onSuccess: ({ saved, submitError }) => {
      // Stale, but not fetched now: the form being left would read its own queries again (its
      // duplicate check, the settings) while its successor waits. Lists read again where shown next.
      void queryClient.invalidateQueries({ queryKey: o.queryKey, refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: keys.todos });
      void queryClient.invalidateQueries({ queryKey: keys.notifications });
      queryClient.setQueryData([...o.queryKey, 'detail', saved.id], saved);
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
