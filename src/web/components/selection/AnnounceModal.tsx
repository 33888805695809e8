// 公布结果: the excellent proposals as chosen, and the excellent handling units (by default their lead units).
import { Form, Select, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { useUnitOptions } from '../../queries';
import { FormModal } from './FormModal';
import { useEntries, writes } from './queries';

/** `lastLevel`: the position of the round's last level, whose passed entries are the winners. */
export function AnnounceModal({ roundId, lastLevel, open, onClose }: { roundId: string; lastLevel: number; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const units = useUnitOptions(open);
  const winners = useEntries(roundId, lastLevel, open);
  const leadUnits = [...new Set((winners.data?.items ?? []).filter((e) => e.excellent).map((e) => e.leadUnitId).filter((u): u is string => !!u))];
  // The default units come from the winners: wait for them before the form takes its initial values.
  if (open && winners.isPending) return null;
  return (
    <FormModal<{ unitIds: string[] }>
      title={t('selection.announce')}
      open={open}
      onClose={onClose}
      done={t('selection.announce.done')}
      initialValues={{ unitIds: leadUnits }}
      intro={<Typography.Paragraph type="secondary">{t('selection.announce.intro')}</Typography.Paragraph>}
      submit={({ unitIds }) => writes.announce(roundId, unitIds ?? [])}
    >
      <Form.Item name="unitIds" label={t('selection.announce.units')}>
        <Select
          mode="multiple"
          loading={units.isPending}
          optionFilterProp="label"
          options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
    </FormModal>
  );
}
