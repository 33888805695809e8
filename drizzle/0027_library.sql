CREATE TABLE "document_categories" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_categories_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "document_favourites" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_favourites_org_id_user_id_document_id_pk" PRIMARY KEY("org_id","user_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "document_pages" (
	"org_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"text" text NOT NULL,
	"image_key" text,
	CONSTRAINT "document_pages_org_id_document_id_n_pk" PRIMARY KEY("org_id","document_id","n")
);
--> statement-breakpoint
CREATE TABLE "document_reports" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "document_reports_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"access" text NOT NULL,
	"category_id" uuid,
	"uploaded_by" uuid NOT NULL,
	"uploader_name" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'processing' NOT NULL,
	"reason" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"pages" integer,
	"preview_kind" text,
	"downloads" integer DEFAULT 0 NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"terms" jsonb,
	"processed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "document_categories_org_parent_name" ON "document_categories" USING btree ("org_id","parent_id","name");--> statement-breakpoint
CREATE INDEX "document_favourites_doc" ON "document_favourites" USING btree ("org_id","document_id");--> statement-breakpoint
CREATE INDEX "document_reports_open" ON "document_reports" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_org_year_seq" ON "documents" USING btree ("org_id","year","seq");--> statement-breakpoint
CREATE INDEX "documents_org_uploaded" ON "documents" USING btree ("org_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "documents_org_category" ON "documents" USING btree ("org_id","category_id");