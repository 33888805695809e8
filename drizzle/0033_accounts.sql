ALTER TABLE "users" ADD COLUMN "account_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "users_org_account" ON "users" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "users_account" ON "users" USING btree ("account_id");