-- Search's GIN index without the pending list (fastupdate): a new search document goes straight into the index, so a query never
-- reads a list of unmerged entries (the embedded engine has no autovacuum to merge it; up to 4 MB were read by every lookup).
DROP INDEX "search_docs_tsv";--> statement-breakpoint
CREATE INDEX "search_docs_tsv" ON "search_docs" USING gin ("tsv") WITH (fastupdate=false);