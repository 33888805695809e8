ALTER TABLE "orgs" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_code" ON "orgs" USING btree ("code");--> statement-breakpoint
CREATE INDEX "orgs_parent" ON "orgs" USING btree ("parent_id");