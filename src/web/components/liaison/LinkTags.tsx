// Small pieces shared by the 双联 pages: the kind of a link and whether it was met this year.
import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { LinkKind } from './model';

const KIND_COLORS: Record<LinkKind, string> = {
  partyGroup: 'red', partyMember: 'volcano', chairMeeting: 'purple', standing: 'blue', masses: 'green', committee: 'cyan',
};

export function KindTag({ kind }: { kind: LinkKind }) {
  const { t } = useI18n();
  return <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>{t(`liaison.kind.${kind}`)}</Tag>;
}

export function MetTag({ met }: { met: boolean }) {
  const { t } = useI18n();
  return <Tag color={met ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>{t(met ? 'liaison.met' : 'liaison.notMet')}</Tag>;
}

