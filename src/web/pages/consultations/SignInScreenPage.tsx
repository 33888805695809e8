// The sign-in screen shown at the venue (staff, full screen): the short code that turns every
// minute, a QR code that opens the app's sign-in page with it, and how many have signed in so far.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Flex, QRCode, Skeleton, Statistic, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { QueryError } from '../../components/QueryError';
import { useSignInScreen } from '../../components/consultations/meeting';
import { todayInChina } from '../../components/proposals/model';

export default function SignInScreenPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const screen = useSignInScreen(id);
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const timer = setInterval(() => setNow(Date.now()), 1000); return () => clearInterval(timer); }, []);
  if (screen.isError) return <QueryError error={screen.error} onRetry={() => void screen.refetch()} />;
  if (!screen.data) return <Skeleton active />;
  const s = screen.data;
  // (A clock off from the server's still shows a count within the code's period.)
  const left = Math.min(s.periodSeconds, Math.max(0, Math.ceil((Date.parse(s.expiresAt) - now) / 1000)));
  return (
    <Flex vertical align="center" justify="center" gap={24} style={{ minHeight: '100vh', padding: 24, background: '#fff', textAlign: 'center' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{s.title}</Typography.Title>
      <Typography.Text type="secondary">{formatDate(s.date)} · {s.place}</Typography.Text>
      {s.date > todayInChina() && <Alert type="warning" showIcon message={t('meeting.screen.notYet', { date: formatDate(s.date) })} />}
      <Flex gap={48} wrap justify="center" align="center">
        <QRCode value={`${window.location.origin}${s.path}`} size={240} />
        <Flex vertical align="center" gap={8}>
          <Typography.Text>{t('meeting.screen.code')}</Typography.Text>
          <Typography.Text data-testid="sign-in-code" strong style={{ fontSize: 72, letterSpacing: 12, fontFamily: 'monospace' }}>{s.code}</Typography.Text>
          <Typography.Text type="secondary">{t('meeting.screen.turns', { n: left })}</Typography.Text>
        </Flex>
      </Flex>
      <Flex gap={48}>
        <Statistic title={t('meeting.screen.present')} value={s.present} valueStyle={{ fontSize: 48 }} />
        <Statistic title={t('meeting.screen.invited')} value={s.invited} valueStyle={{ fontSize: 48 }} />
        <Statistic title={t('meeting.screen.excused')} value={s.excused} valueStyle={{ fontSize: 48 }} />
      </Flex>
      <Typography.Text type="secondary">{t('meeting.screen.hint')}</Typography.Text>
    </Flex>
  );
}
