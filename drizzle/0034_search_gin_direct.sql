-- Search's GIN index without the pending list (fastupdate): a new search document goes straight into the index, so a lookup never
-- reads a list of unmerged entries (up to gin_pending_list_limit, 4 MB, read by every lookup until a vacuum merges it).
DROP INDEX "search_docs_tsv";--> statement-breakpoint
CREATE INDEX "search_docs_tsv" ON "search_docs" USING gin ("tsv") WITH (fastupdate=false);