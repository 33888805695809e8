// A member at the venue signs in: the code shown on the screen, typed or brought by its QR code.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Flex, Input, Result } from 'antd';
import { ApiError, errorText } from '../../api';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { meetingWrites } from '../../components/consultations/meeting';
import { useConsultationWrite } from '../../components/consultations/queries';

export default function SignInPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const [code, setCode] = useState(params.get('code') ?? '');
  const write = useConsultationWrite((c: string) => meetingWrites.signIn(id, c));
  if (write.isSuccess) {
    return <Result status="success" title={t('meeting.signIn.done')} extra={<Link to="/meetings"><Button>{t('meeting.mine')}</Button></Link>} />;
  }
  const valid = /^\d{6}$/.test(code);
  return (
    <>
      <PageHeader title={t('meeting.signIn.title')} />
      <Card size="small" style={{ maxWidth: 420 }}>
        <Flex vertical gap={12}>
          <span>{t('meeting.signIn.intro')}</span>
          <Input aria-label={t('meeting.signIn.code')} size="large" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} onPressEnter={() => valid && write.mutate(code)}
            style={{ fontSize: 28, letterSpacing: 8, textAlign: 'center', fontFamily: 'monospace' }} />
          {write.isError && <Alert type="error" showIcon message={(write.error instanceof ApiError && write.error.errors[0]?.message) || errorText(write.error)} />}
          <Button type="primary" size="large" block disabled={!valid} loading={write.isPending} onClick={() => write.mutate(code)}>{t('meeting.signIn.submit')}</Button>
        </Flex>
      </Card>
    </>
  );
}
