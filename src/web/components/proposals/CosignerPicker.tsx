// 附议人: the chosen co-signers as tags, and a member search (MemberSelect) to add one more.
import { useState } from 'react';
import { Flex, Space, Tag } from 'antd';
import { useI18n } from '../../i18n';
import { MemberSelect } from '../MemberSelect';

export interface Cosigner {
  memberId: string;
  name: string;
  confirmed?: boolean;
}

interface Props {
  id?: string;
  value?: Cosigner[];
  onChange?: (value: Cosigner[]) => void;
  /** The proposer, not offered (a proposer does not co-sign their own proposal). */
  proposerId?: string;
}

export function CosignerPicker({ id, value = [], onChange, proposerId }: Props) {
  const { t } = useI18n();
  // A fresh search box after each pick.
  const [round, setRound] = useState(0);
  return (
    <Flex vertical gap={8}>
      <MemberSelect
        key={round}
        id={id}
        value={null}
        placeholder={t('proposal.cosignerPick')}
        exclude={[...(proposerId ? [proposerId] : []), ...value.map((c) => c.memberId)]}
        onPick={(m) => {
          if (!value.some((c) => c.memberId === m.id)) onChange?.([...value, { memberId: m.id, name: m.name }]);
          setRound((r) => r + 1);
        }}
      />
      {value.length > 0 && (
        <Space size={4} wrap>
          {value.map((c) => (
            <Tag
              key={c.memberId}
              color={c.confirmed ? 'green' : undefined}
              closable
              onClose={() => onChange?.(value.filter((x) => x.memberId !== c.memberId))}
            >
              {c.name}
              {c.confirmed !== undefined && ` · ${t(c.confirmed ? 'proposal.cosignerConfirmed' : 'proposal.cosignerPending')}`}
            </Tag>
          ))}
        </Space>
      )}
    </Flex>
  );
}
