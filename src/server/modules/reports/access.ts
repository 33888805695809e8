import { definePolicies } from '../../core/policies.ts';

// The 四双 report is the office's and the leaders' (api.md: staff, leader); the office keeps the
// committee's profile that names it, and rewrites the report's prose (each save a version).

definePolicies({
  'report.read': ['staff', 'leader'],
  'report.edit': ['staff', 'admin'],
  'report.versions': ['staff', 'leader', 'admin'],
  'report.profile': ['staff', 'admin'],
  'report.profile.read': ['staff', 'leader', 'admin'],
});
