// 记录联系: one contact on a link, quick on a phone — today, face to face and the two people filled
// in; the topics are all that must be typed. Opinions and problems are added a line each.
import { Button, Checkbox, Flex, Form, Input, InputNumber, Radio } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { FormModal } from '../FormModal';
import { todayInChina } from '../proposals/model';
import { CHANNELS, targetName } from './model';
import type { Channel, ContactDetail, Link } from './model';
import { useLiaisonWrite } from './queries';

interface Values {
  date: string; channel: Channel; participants: string; topics: string; policyTalk?: boolean; massesReached?: number | null;
  opinions?: string[]; problemsSolved?: string[];
}

const lines = (xs?: string[]) => (xs ?? []).map((x) => x?.trim()).filter((x): x is string => !!x);

function LineList({ name, label, add }: { name: 'opinions' | 'problemsSolved'; label: string; add: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label={label}>
      <Form.List name={name}>
        {(fields, { add: push, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item name={field.name} noStyle>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={name === 'opinions' ? 1000 : 500} aria-label={`${label} ${i + 1}`} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label={t('liaison.contact.remove')} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => push('')} block>{add}</Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Logs a contact on `link`, or corrects `contact` (its opinions collected stay as they were: each may have become a draft). */
export function ContactFormModal({ link, contact, open, onClose, onDone }: { link: Link; contact?: ContactDetail; open: boolean; onClose: () => void; onDone?: (c: ContactDetail) => void }) {
  const { t } = useI18n();
  const save = useLiaisonWrite((v: Values) => {
    const fields = {
      date: v.date, channel: v.channel, participants: v.participants.trim(), topics: v.topics.trim(), policyTalk: !!v.policyTalk,
      ...(link.kind === 'masses' ? (contact ? { massesReached: v.massesReached ?? 0 } : v.massesReached ? { massesReached: v.massesReached } : {}) : {}),
      problemsSolved: lines(v.problemsSolved),
    };
    return contact
      ? api.patch<ContactDetail>(`/api/v1/liaison/contacts/${contact.id}`, fields)
      : api.post<ContactDetail>(`/api/v1/liaison/links/${link.id}/contacts`, { ...fields, opinions: lines(v.opinions) });
  });
  const target = targetName(link, (sector) => t('liaison.massesOf', { sector }), link.kind);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <FormModal<Values, ContactDetail>
      title={`${t(contact ? 'liaison.contact.edit' : 'liaison.logContact')} · ${target}`}
      open={open}
      onClose={onClose}
      submit={save.mutateAsync}
      submitting={save.isPending}
      done={t(contact ? 'liaison.contact.saved' : 'liaison.logged')}
      onDone={onDone}
      okText={t('common.save')}
      initialValues={contact
        ? { date: contact.date, channel: contact.channel, participants: contact.participants, topics: contact.topics, policyTalk: contact.policyTalk, massesReached: contact.massesReached, problemsSolved: contact.problemsSolved }
        : { date: todayInChina(), channel: 'faceToFace', participants: [link.fromName ?? link.committeeName, target].filter(Boolean).join('、'), opinions: [], problemsSolved: [] }}
    >
      <Form.Item name="channel" label={t('liaison.contact.channel')}>
        <Radio.Group optionType="button" buttonStyle="solid" options={CHANNELS.map((c) => ({ value: c, label: t(`liaison.channel.${c}`) }))} />
      </Form.Item>
      <Form.Item name="date" label={t('liaison.contact.date')} rules={[required(t('liaison.contact.date'))]}>
        <Input type="date" max={todayInChina()} />
      </Form.Item>
      <Form.Item name="topics" label={t('liaison.contact.topics')} rules={[required(t('liaison.contact.topics'))]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
      </Form.Item>
      <Form.Item name="participants" label={t('liaison.contact.participants')} rules={[required(t('liaison.contact.participants'))]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="policyTalk" valuePropName="checked">
        <Checkbox>{t('liaison.contact.policyTalk')}</Checkbox>
      </Form.Item>
      {link.kind === 'masses' && (
        <Form.Item name="massesReached" label={t('liaison.contact.massesReached')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {!contact && <LineList name="opinions" label={t('liaison.contact.opinions')} add={t('liaison.contact.addOpinion')} />}
      <LineList name="problemsSolved" label={t('liaison.contact.problems')} add={t('liaison.contact.addProblem')} />
    </FormModal>
  );
}
