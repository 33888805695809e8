ALTER TABLE "members" ADD COLUMN "name_sort" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "members_org_name_sort" ON "members" USING btree ("org_id","name_sort");