// 社情民意审核 (staff): reports to review, issued ones to forward, and forwarded ones whose
// adoptions and 批示 are recorded; each opens its detail page, where the buttons are.
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Flex, Segmented, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { OpinionList } from '../../components/opinions/OpinionList';
import type { OpinionState } from '../../components/opinions/model';

const TABS = { submitted: ['submitted'], approved: ['approved'], out: ['forwarded', 'adopted'] } as const satisfies Record<string, readonly OpinionState[]>;
type Tab = keyof typeof TABS;

export default function OpinionReviewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (params.get('tab') as Tab) in TABS ? (params.get('tab') as Tab) : 'submitted';
  return (
    <>
      <PageHeader
        title={t('nav.opinionReview')}
        extra={<Button icon={<PlusOutlined />} onClick={() => navigate('/opinions/new')}>{t('opinion.review.enter')}</Button>}
      />
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: '-8px 0 0' }}>{t('opinion.review.intro')}</Typography.Paragraph>
        <Segmented<Tab>
          value={tab}
          onChange={(v) => setParams({ tab: v }, { replace: true })}
          options={(Object.keys(TABS) as Tab[]).map((k) => ({ value: k, label: t(`opinion.review.${k}`) }))}
        />
        <OpinionList key={tab} query={{ state: TABS[tab] }} stateOptions={TABS[tab]} />
      </Flex>
    </>
  );
}
