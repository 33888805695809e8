import { definePolicies } from '../../core/policies.ts';

// Who may do what with the party organisation and campaigns: the office keeps the groups, their
// members and activities, and runs campaigns; leaders read them; members read campaigns, submit
// ideas and see their own activities and ideas.

definePolicies({
  'party.manage': ['staff', 'admin'],
  'party.read': ['staff', 'admin', 'leader'],
  'campaigns.read': ['staff', 'admin', 'leader', 'member'],
});
