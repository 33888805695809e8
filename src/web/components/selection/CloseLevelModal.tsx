// 结束本级: staff tick the entries that pass on (the best `quota` by this level's average are ticked).
// While some entries have no score or a reviewer has not finished, the dialog says so, naming them,
// and closing needs an explicit tick.
import { Alert, Checkbox, Flex, Form, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { FormModal } from './FormModal';
import type { Entry, Level, LevelProgress } from './model';
import { writes } from './queries';
import { unfinished, useUnfinishedNames } from './ScoringProgress';

interface Props { roundId: string; level: Level; last: boolean; entries: Entry[]; progress?: LevelProgress; open: boolean; onClose: () => void }

export function CloseLevelModal({ roundId, level, last, entries, progress, open, onClose }: Props) {
  const { t } = useI18n();
  const unfinishedNames = useUnfinishedNames();
  const incomplete = !!progress?.scoring && (progress.unscored > 0 || unfinished(progress).length > 0);
  const waiting = entries.filter((e) => e.outcome === 'pending');
  // The list comes best first from the server, as closing without a choice would take it.
  const best = waiting.slice(0, level.quota ?? waiting.length).map((e) => e.id);
  return (
    <FormModal<{ passIds: string[]; closeIncomplete?: boolean }>
      title={t('selection.close.title', { level: level.name })}
      open={open}
      onClose={onClose}
      done={t('selection.close.done', { level: level.name })}
      initialValues={{ passIds: best }}
      intro={
        <>
          {incomplete && (
            <Alert
              type="warning"
              showIcon
              role="alert"
              style={{ marginBottom: 12 }}
              title={t('selection.close.missing', { unscored: progress.unscored, entries: progress.entries })}
              description={unfinished(progress).length ? t('selection.close.unfinished', { names: unfinishedNames(progress) }) : undefined}
            />
          )}
          <Typography.Paragraph type="secondary">{last ? t('selection.close.last') : t('selection.close.intro', { count: best.length })}</Typography.Paragraph>
        </>
      }
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
      {incomplete && (
        <Form.Item
          name="closeIncomplete"
          valuePropName="checked"
          style={{ marginTop: 12, marginBottom: 0 }}
          rules={[{ validator: (_, v?: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('selection.close.confirmRequired')))) }]}
        >
          <Checkbox>{t('selection.close.confirmMissing')}</Checkbox>
        </Form.Item>
      )}
    </FormModal>
  );
}
