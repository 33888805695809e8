import { definePolicies } from '../../core/policies.ts';

// The 四双 report is the office's and the leaders' (api.md: staff, leader); the office keeps the
// committee's profile that names it.

definePolicies({
  'report.read': ['staff', 'leader'],
  'report.profile': ['staff', 'admin'],
  'report.profile.read': ['staff', 'leader', 'admin'],
});
