// 结束本级: staff tick the entries that pass on (the best `quota` by this level's average are ticked).
import { Checkbox, Flex, Form, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { FormModal } from './FormModal';
import type { Entry, Level } from './model';
import { writes } from './queries';

interface Props { roundId: string; level: Level; last: boolean; entries: Entry[]; open: boolean; onClose: () => void }

export function CloseLevelModal({ roundId, level, last, entries, open, onClose }: Props) {
  const { t } = useI18n();
  const waiting = entries.filter((e) => e.outcome === 'pending');
  // The list comes best first from the server, as closing without a choice would take it.
  const best = waiting.slice(0, level.quota ?? waiting.length).map((e) => e.id);
  return (
    <FormModal<{ passIds: string[] }>
      title={t('selection.close.title', { level: level.name })}
      open={open}
      onClose={onClose}
      done={t('selection.close.done', { level: level.name })}
      initialValues={{ passIds: best }}
      intro={<Typography.Paragraph type="secondary">{last ? t('selection.close.last') : t('selection.close.intro', { count: best.length })}</Typography.Paragraph>}
      submit={({ passIds }) => writes.close(roundId, level.id, passIds)}
    >
      <Form.Item
        name="passIds"
        rules={[
          { required: true, type: 'array', min: 1, message: t('common.required', { field: t('selection.entry.title') }) },
          ...(level.quota ? [{ type: 'array' as const, max: level.quota, message: t('selection.close.tooMany', { quota: level.quota }) }] : []),
        ]}
      >
        <Checkbox.Group style={{ width: '100%' }}>
          <Flex vertical gap={6} style={{ maxHeight: '50vh', overflowY: 'auto', width: '100%' }}>
            {waiting.map((e) => (
              <Checkbox key={e.id} value={e.id}>
                {e.title}
                <Typography.Text type="secondary"> · {e.score ?? t('common.none')}</Typography.Text>
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => <Typography.Text type="secondary">{t('selection.close.selected', { count: (getFieldValue('passIds') as string[] | undefined)?.length ?? 0 })}</Typography.Text>}
      </Form.Item>
    </FormModal>
  );
}
