import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import { ROUND_STATE_COLORS } from './model';
import type { RoundState } from './model';

export function RoundStateTag({ state }: { state: RoundState }) {
  const { t } = useI18n();
  return <Tag color={ROUND_STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>{t(`selection.state.${state}`)}</Tag>;
}
