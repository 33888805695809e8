import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

/** One button that switches between 中文 and English; its text names the other language. */
export function LanguageSwitch({ size }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <Button
      size={size}
      type="text"
      icon={<GlobalOutlined />}
      title={t('lang.switch')}
      lang={next === 'zh' ? 'zh-CN' : 'en'}
      onClick={() => setLang(next)}
    >
      {t(next === 'zh' ? 'lang.zh' : 'lang.en')}
    </Button>
  );
}
