CREATE TABLE "document_links" (
	"org_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"part" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_links_org_id_document_id_target_kind_target_id_part_pk" PRIMARY KEY("org_id","document_id","target_kind","target_id","part")
);
--> statement-breakpoint
CREATE INDEX "document_links_target" ON "document_links" USING btree ("org_id","target_kind","target_id");