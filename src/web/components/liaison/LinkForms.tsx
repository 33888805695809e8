// Staff adjust the graph by hand: add a link, give a link's target another liaison.
import { Form, Input, Select } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useCommitteeOptions, useSectorOptions } from '../../queries';
import { FormModal } from '../FormModal';
import { MemberSelect } from '../MemberSelect';
import { LINK_KINDS, MEMBER_TO_MEMBER } from './model';
import type { Link, LinkKind } from './model';
import { useLiaisonWrite } from './queries';

interface AddValues { kind: LinkKind; fromMemberId?: string; committeeId?: string; toMemberId?: string; sectorId?: string; reason?: string }

const trimmed = (s?: string) => (s?.trim() ? s.trim() : undefined);

export function AddLinkModal({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const sectors = useSectorOptions();
  const committees = useCommitteeOptions();
  const add = useLiaisonWrite((v: AddValues) => api.post<Link>('/api/v1/liaison/links', { year, ...v, reason: trimmed(v.reason) }));
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <FormModal<AddValues, Link> title={t('liaison.addLink')} open={open} onClose={onClose} submit={add.mutateAsync} submitting={add.isPending} done={t('liaison.saved')} initialValues={{ kind: 'partyMember' }}>
      <Form.Item name="kind" label={t('liaison.kind')} rules={[required(t('liaison.kind'))]}>
        <Select options={LINK_KINDS.map((k) => ({ value: k, label: t(`liaison.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: AddValues, b: AddValues) => a.kind !== b.kind}>
        {({ getFieldValue }) => {
          const kind = getFieldValue('kind') as LinkKind;
          return (
            <>
              {kind === 'committee' ? (
                <Form.Item name="committeeId" label={t('liaison.committee')} rules={[required(t('liaison.committee'))]}>
                  <Select options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
                </Form.Item>
              ) : (
                <Form.Item name="fromMemberId" label={t('liaison.from')} rules={[required(t('liaison.from'))]}>
                  <MemberSelect />
                </Form.Item>
              )}
              {MEMBER_TO_MEMBER.includes(kind) ? (
                <Form.Item name="toMemberId" label={t('liaison.to')} rules={[required(t('liaison.to'))]}>
                  <MemberSelect />
                </Form.Item>
              ) : (
                <Form.Item name="sectorId" label={t('liaison.sector')} rules={[required(t('liaison.sector'))]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
                </Form.Item>
              )}
            </>
          );
        }}
      </Form.Item>
      <Form.Item name="reason" label={t('liaison.adjustReason')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

export function ReassignModal({ link, onClose }: { link: Link; onClose: () => void }) {
  const { t } = useI18n();
  const committees = useCommitteeOptions();
  const move = useLiaisonWrite((v: { fromMemberId?: string; committeeId?: string; reason?: string }) =>
    api.patch<Link>(`/api/v1/liaison/links/${link.id}`, { ...v, reason: trimmed(v.reason) }));
  const field = link.kind === 'committee' ? 'committeeId' : 'fromMemberId';
  const required = { required: true, message: t('common.required', { field: t('liaison.newLiaison') }) };
  return (
    <FormModal title={t('liaison.reassignTitle')} open onClose={onClose} submit={move.mutateAsync} submitting={move.isPending} done={t('liaison.saved')}>
      <Form.Item name={field} label={t('liaison.newLiaison')} rules={[required]}>
        {field === 'committeeId'
          ? <Select options={(committees.data ?? []).filter((c) => c.id !== link.committeeId).map((c) => ({ value: c.id, label: c.name }))} />
          : <MemberSelect />}
      </Form.Item>
      <Form.Item name="reason" label={t('liaison.adjustReason')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
