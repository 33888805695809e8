// The committee being worked in, in the header; for a person with logins in several committees
// (one account: core/auth/accounts.ts) a menu of the others. Choosing one starts a session there —
// no password again — and the app reloads its menu and to-dos for that membership's roles, on the
// same page where the new roles may open it (layout/afterSwitch.ts).
import { Link, useLocation, useMatches, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Typography, message as antMessage } from 'antd';
import { DownOutlined, SwapOutlined } from '@ant-design/icons';
import { errorText } from '../api';
import { useAuth, useUser } from '../auth';
import { useI18n } from '../i18n';
import { useMemberships } from '../queries';
import { pageAfterSwitch } from '../layout/afterSwitch';
import { TOASTS } from '../layout/PageContent';

export function CommitteeSwitch({ maxWidth }: { maxWidth: number }) {
  const user = useUser();
  const { switchOrg } = useAuth();
  const { t } = useI18n();
  // (the header is outside antd's App of the page area: its own message holder)
  const [message, messageHolder] = antMessage.useMessage(TOASTS);
  const navigate = useNavigate();
  const matches = useMatches();
  const location = useLocation();
  // (only a linked login has others to list; one who must change their password first gets no list)
  const memberships = useMemberships(user.id, user.linked && !user.mustChangePassword);
  const others = (memberships.data?.items ?? []).filter((m) => !m.current);
  const name = user.orgName || t('app.name');

  // (the holder in both branches: after a switch the list of the new login loads anew)
  if (!others.length) {
    return (
      <>
        {messageHolder}
        <Link to="/" style={{ color: 'inherit', minWidth: 0, display: 'flex', alignItems: 'center' }}>
          <Typography.Text strong ellipsis style={{ maxWidth }}>
            {name}
          </Typography.Text>
        </Link>
      </>
    );
  }
  const onSwitch = async (orgId: string) => {
    try {
      const next = await switchOrg(orgId);
      message.success(t('committee.switched', { name: next.orgName }));
      // The page stays when the new login may open it (a list, a report); an item of the old committee goes home.
      navigate(pageAfterSwitch(matches, location, next), { replace: true });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      {messageHolder}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'title',
              type: 'group',
              label: t('committee.switchTo'),
              children: others.map((m) => ({ key: m.orgId, icon: <SwapOutlined />, label: m.orgName })),
            },
          ],
          onClick: ({ key }) => void onSwitch(key),
        }}
      >
        <Button
          type="text"
          aria-label={t('committee.switch', { name })}
          style={{ paddingInline: 4, minWidth: 0, maxWidth: maxWidth + 24 }}
        >
          <Typography.Text strong ellipsis style={{ maxWidth }}>
            {name}
          </Typography.Text>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
    </>
  );
}
