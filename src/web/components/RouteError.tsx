// Shown when a page throws while rendering or its lazy chunk fails to load (e.g. after a redeploy).
import { useRouteError } from 'react-router-dom';
import { Button } from 'antd';
import { errorText } from '../api';
import { useI18n } from '../i18n';
import { ErrorPanel } from './ErrorPanel';

export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <ErrorPanel
      title={t('common.crashed')}
      detail={errorText(error)}
      action={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
