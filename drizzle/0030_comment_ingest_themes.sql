CREATE TABLE "consultation_themes" (
	"org_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"view" jsonb,
	"basis_count" integer,
	"basis_seq" bigint,
	"computed_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "consultation_themes_org_id_consultation_id_pk" PRIMARY KEY("org_id","consultation_id")
);
--> statement-breakpoint
CREATE INDEX "consultation_comments_repeat" ON "consultation_comments" USING btree ("org_id","consultation_id","author_id",md5("content"));