// 修改设置: until the first level closes (and before any score), staff change the round's name and
// its levels — order, names, who acts, quotas — adding or removing levels. A kept level keeps its
// key, so the server keeps it (and its id); a new one gets a made-up key.
import { Button, Card, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { FormModal } from './FormModal';
import { LEVEL_ACTORS } from './model';
import type { LevelInput, Round } from './model';
import { writes } from './queries';

const MAX_LEVELS = 10;
const newKey = () => `level${Math.random().toString(36).slice(2, 10)}`;

function LevelsField() {
  const { t } = useI18n();
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  return (
    <Form.List name="levels">
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('selection.levels')}</Typography.Text>
          {fields.map((f, i) => (
            <Card
              size="small"
              key={f.key}
              title={`${i + 1}.`}
              extra={
                <Space size={0}>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('selection.level.up', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, i - 1)} />
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('selection.level.down', { n: i + 1 })} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('selection.level.remove', { n: i + 1 })} disabled={fields.length === 1} onClick={() => remove(i)} />
                </Space>
              }
            >
              <Form.Item name={[f.name, 'key']} hidden>
                <Input />
              </Form.Item>
              <Flex gap={8} wrap>
                <Form.Item name={[f.name, 'name']} label={t('selection.level.name')} rules={required(t('selection.level.name'))} style={{ flex: '1 1 180px', marginBottom: 0 }}>
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item name={[f.name, 'actor']} label={t('selection.level.actor')} style={{ flex: '1 1 160px', marginBottom: 0 }}>
                  <Select options={LEVEL_ACTORS.map((a) => ({ value: a, label: t(`selection.actor.${a}`) }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'quota']} label={t('selection.level.quotaField')} style={{ width: 120, marginBottom: 0 }}>
                  <InputNumber min={1} max={1000} precision={0} placeholder={t('selection.level.unlimited')} style={{ width: '100%' }} />
                </Form.Item>
              </Flex>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= MAX_LEVELS} onClick={() => add({ key: newKey(), name: '', actor: 'staff', quota: null } satisfies LevelInput)}>
            {t('selection.level.add')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}

export function EditRoundModal({ round, open, onClose }: { round: Round; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormModal<{ name: string; levels: LevelInput[] }>
      title={t('selection.edit.title')}
      open={open}
      onClose={onClose}
      done={t('selection.edit.done')}
      initialValues={{ name: round.name, levels: round.levels.map(({ key, name, actor, quota }) => ({ key, name, actor, quota })) }}
      intro={<Typography.Paragraph type="secondary">{t('selection.edit.intro')}</Typography.Paragraph>}
      submit={({ name, levels }) => writes.edit(round.id, { name, levels: levels.map((l) => ({ ...l, quota: l.quota ?? null })) })}
    >
      <Form.Item name="name" label={t('selection.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('selection.name') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <LevelsField />
    </FormModal>
  );
}
