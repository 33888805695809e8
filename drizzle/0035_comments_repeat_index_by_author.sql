DROP INDEX "consultation_comments_author";--> statement-breakpoint
DROP INDEX "consultation_comments_repeat";--> statement-breakpoint
CREATE INDEX "consultation_comments_repeat" ON "consultation_comments" USING btree ("org_id","author_id",md5("content"));