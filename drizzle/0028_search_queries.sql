CREATE TABLE "search_queries" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"q" text NOT NULL,
	"q_key" text NOT NULL,
	"terms" text[] NOT NULL,
	"kind" text,
	"caller_kind" text NOT NULL,
	"searcher" text NOT NULL,
	"result_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_queries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "search_queries_key" ON "search_queries" USING btree ("org_id","q_key");--> statement-breakpoint
CREATE INDEX "search_queries_searcher" ON "search_queries" USING btree ("org_id","searcher");--> statement-breakpoint
CREATE INDEX "search_queries_terms" ON "search_queries" USING gin ("terms");