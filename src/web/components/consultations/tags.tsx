import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { ConsultationState, Kind, TopicState } from './model';

const STATE_COLORS: Record<ConsultationState, string> = {
  topic: 'default', preparing: 'blue', consulting: 'geekblue', assigning: 'purple', handling: 'orange', tracking: 'cyan', closed: 'green',
};

export function StateTag({ state }: { state: ConsultationState }) {
  const { t } = useI18n();
  return <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>{t(`consultation.state.${state}`)}</Tag>;
}

export function KindTag({ kind }: { kind: Kind }) {
  const { t } = useI18n();
  return <Tag style={{ marginInlineEnd: 0 }}>{t(`consultation.kind.${kind}`)}</Tag>;
}

const REC_COLORS: Record<string, string> = { pending: 'default', assigned: 'gold', handling: 'orange', replied: 'lime', rehandling: 'volcano', closed: 'green' };

/** A recommendation's handling state (pending, assigned, … closed). */
export function RecStateTag({ state }: { state: string }) {
  const { t } = useI18n();
  return <Tag color={REC_COLORS[state]} style={{ marginInlineEnd: 0 }}>{t(`consultation.rec.state.${state}` as 'consultation.rec.state.pending')}</Tag>;
}

const TOPIC_COLORS: Record<TopicState, string> = { proposed: 'default', shortlisted: 'blue', picked: 'green', declined: 'red', merged: 'purple' };

/** A topic's step in 开门式选题. */
export function TopicStateTag({ state }: { state: TopicState }) {
  const { t } = useI18n();
  return <Tag color={TOPIC_COLORS[state]} style={{ marginInlineEnd: 0 }}>{t(`topic.state.${state}`)}</Tag>;
}
