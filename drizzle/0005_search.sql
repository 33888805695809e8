CREATE TABLE "search_docs" (
	"org_id" uuid NOT NULL,
	"doc_kind" text NOT NULL,
	"doc_id" uuid NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_docs_org_id_doc_kind_doc_id_pk" PRIMARY KEY("org_id","doc_kind","doc_id")
);
--> statement-breakpoint
CREATE INDEX "search_docs_tsv" ON "search_docs" USING gin ("tsv");