// "显示列": which of a table's columns show, chosen by the user and remembered in this browser.
import { useState } from 'react';
import { Button, Checkbox, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

/**
 * The columns to show of `all`: those the user left on (remembered under `storageKey`), else all
 * but `hiddenByDefault`. The columns hidden are stored, so a column added later shows.
 */
export function useChosenColumns<K extends string>(storageKey: string | undefined, all: readonly K[], hiddenByDefault: readonly K[] = []) {
  const key = storageKey && `tongxin.hiddenColumns.${storageKey}`;
  const [hidden, setHidden] = useState<readonly K[]>(() => {
    if (!key) return hiddenByDefault;
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
      return Array.isArray(stored) ? all.filter((c) => stored.includes(c)) : hiddenByDefault;
    } catch {
      return hiddenByDefault; // unreadable or no storage: the default
    }
  });
  const choose = (shown: readonly K[]) => {
    const next = all.filter((c) => !shown.includes(c));
    setHidden(next);
    try {
      if (key) localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // storage full or refused: the choice holds for this page only
    }
  };
  return { shown: all.filter((c) => !hidden.includes(c)), choose };
}

interface Props<K extends string> {
  options: { value: K; label: string; fixed?: boolean }[];
  shown: readonly K[];
  onChange: (shown: K[]) => void;
}

export function ColumnChooser<K extends string>({ options, shown, onChange }: Props<K>) {
  const { t } = useI18n();
  const list = (
    <Checkbox.Group
      aria-label={t('common.columns')}
      value={[...shown]}
      onChange={(v) => onChange(v as K[])}
      style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
      options={options.map((o) => ({ value: o.value, label: o.label, disabled: o.fixed }))}
    />
  );
  return (
    <Popover content={list} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t('common.columns')}</Button>
    </Popover>
  );
}
