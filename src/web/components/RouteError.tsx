// Shown when a page throws while rendering or its lazy chunk fails to load (e.g. after a redeploy).
import { useRouteError } from 'react-router-dom';
import { Button, Result } from 'antd';
import { errorText } from '../api';
import { useI18n } from '../i18n';

export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('common.crashed')}
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
