// The one schema: every module's tables, for Drizzle and drizzle-kit.
export * from '../schema.ts';
export * from '../../modules/org/schema.ts';
export * from '../jobs-schema.ts';
export * from '../../modules/handling/schema.ts';
export * from '../../modules/proposals/schema.ts';
export * from '../../modules/opinions/schema.ts';
export * from '../../modules/selection/schema.ts';
export * from '../../modules/search/schema.ts';
export * from '../../modules/liaison/schema.ts';
export * from '../../modules/consultations/schema.ts';
export * from '../../modules/creation/schema.ts';
export * from '../../modules/party/schema.ts';
export * from '../../modules/records/schema.ts';
export * from '../../modules/library/schema.ts';
export * from '../../modules/reports/schema.ts';
