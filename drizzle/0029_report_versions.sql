CREATE TABLE "report_versions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"report" text NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"paragraphs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"figures" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_versions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_org_report_year_number" ON "report_versions" USING btree ("org_id","report","year","number");