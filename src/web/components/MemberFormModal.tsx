// Create or edit a member (POST /api/v1/members, PATCH /api/v1/members/:id).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n';
import { keys, useCommitteeOptions, useCounties, useMeta, useSectorOptions } from '../queries';
import type { Member, MemberBody } from '../types';
import { FormModal } from './FormModal';

interface Props {
  open: boolean;
  member?: Member;
  onClose: () => void;
  afterClose?: () => void;
  onSaved?: (member: Member) => void;
}

type Values = Omit<MemberBody, 'birthYear'> & { birthYear?: number | null };

// Same rule as the server: a mobile number or a landline with area code.
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

const TEXT_FIELDS = ['gender', 'ethnicity', 'countyOrgId', 'workplace', 'title', 'phone', 'email'] as const;

function toValues(m: Member): Values {
  return {
    name: m.name,
    sectorId: m.sectorId,
    party: m.party,
    standing: m.standing,
    gender: m.gender ?? undefined,
    birthYear: m.birthYear,
    ethnicity: m.ethnicity ?? undefined,
    chairMeeting: m.chairMeeting,
    partyGroup: m.partyGroup,
    countyOrgId: m.countyOrgId ?? undefined,
    committeeIds: m.committeeIds ?? [],
    liaisonSectorIds: m.liaisonSectorIds ?? [],
    workplace: m.workplace ?? undefined,
    title: m.title ?? undefined,
    phone: m.phone ?? undefined,
    email: m.email ?? undefined,
  };
}

/** Every field, empty text as null. */
function normalize(v: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: (v.name ?? '').trim(),
    sectorId: v.sectorId,
    party: v.party,
    standing: !!v.standing,
    chairMeeting: !!v.chairMeeting,
    partyGroup: !!v.partyGroup,
    committeeIds: v.committeeIds ?? [],
    // Only a party-group member looks after sectors.
    liaisonSectorIds: v.partyGroup ? v.liaisonSectorIds ?? [] : [],
    birthYear: v.birthYear ?? null,
  };
  for (const field of TEXT_FIELDS) {
    const value = v[field];
    body[field] = typeof value === 'string' && value.trim() ? value.trim() : null;
  }
  return body;
}

/** POST: the filled fields. PATCH: only what changed (null clears), so hidden fields stay untouched. */
function toBody(values: Values, initial?: Values): Record<string, unknown> {
  const next = normalize(values);
  if (!initial) return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== null));
  const before = normalize(initial);
  return Object.fromEntries(
    Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])),
  );
}

export function MemberFormModal({ open, member, onClose, afterClose, onSaved }: Props) {
  const { t, label } = useI18n();
  const queryClient = useQueryClient();
  const meta = useMeta();
  const sectors = useSectorOptions();
  const committees = useCommitteeOptions();
  const counties = useCounties();
  const editing = !!member;

  const save = useMutation({
    mutationFn: (values: Values) =>
      editing
        ? api.patch<Member>(`/api/v1/members/${member.id}`, toBody(values, toValues(member)))
        : api.post<Member>('/api/v1/members', toBody(values)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.members });
      void queryClient.invalidateQueries({ queryKey: keys.sectors });
    },
  });

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const half = { xs: 24, sm: 12 };

  return (
    <FormModal<Values, Member>
      title={t(editing ? 'member.editTitle' : 'member.createTitle')}
      open={open}
      onClose={onClose}
      afterClose={afterClose}
      submit={save.mutateAsync}
      submitting={save.isPending}
      done={t(editing ? 'common.saved' : 'common.created')}
      onDone={onSaved}
      okText={t('common.save')}
      width={720}
      initialValues={member ? toValues(member) : { standing: false, chairMeeting: false, partyGroup: false, committeeIds: [], liaisonSectorIds: [] }}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={t('member.name')} rules={[{ ...required(t('member.name')), whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="gender" label={t('member.gender')}>
            <Select allowClear options={(meta.data?.genders ?? ['男', '女']).map((g) => ({ value: g, label: label('gender', g) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="birthYear"
            label={t('member.birthYear')}
            rules={[{ type: 'number', min: 1900, max: 2100, message: t('member.birthYearInvalid') }]}
          >
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ethnicity" label={t('member.ethnicity')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="party" label={t('member.party')} rules={[required(t('member.party'))]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={meta.isPending}
              options={(meta.data?.parties ?? []).map((p) => ({ value: p, label: label('party', p) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="sectorId" label={t('member.sector')} rules={[required(t('member.sector'))]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={sectors.isPending}
              options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="committeeIds" label={t('member.committees')}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              loading={committees.isPending}
              options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="countyOrgId" label={t('member.county')}>
            <Select
              allowClear
              loading={counties.isPending}
              options={(counties.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label=" " colon={false} style={{ marginBottom: 0 }}>
            <Form.Item name="standing" valuePropName="checked" noStyle>
              <Checkbox>{t('member.standing')}</Checkbox>
            </Form.Item>
            <Form.Item name="chairMeeting" valuePropName="checked" noStyle>
              <Checkbox>{t('member.chairMeeting')}</Checkbox>
            </Form.Item>
            <Form.Item name="partyGroup" valuePropName="checked" noStyle>
              <Checkbox>{t('member.partyGroup')}</Checkbox>
            </Form.Item>
          </Form.Item>
        </Col>
        <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.partyGroup !== b.partyGroup}>
          {({ getFieldValue }) => getFieldValue('partyGroup') ? (
            <Col span={24}>
              <Form.Item name="liaisonSectorIds" label={t('member.liaisonSectors')} extra={t('member.liaisonSectorsHelp')}>
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={sectors.isPending}
                  options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                />
              </Form.Item>
            </Col>
          ) : null}
        </Form.Item>
        <Col {...half}>
          <Form.Item name="workplace" label={t('member.workplace')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="title" label={t('member.title')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="phone" label={t('member.phone')} rules={[{ pattern: PHONE, message: t('member.phoneInvalid') }]}>
            <Input type="tel" maxLength={30} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="email" label={t('member.email')} rules={[{ type: 'email', message: t('member.emailInvalid') }]}>
            <Input type="email" maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
