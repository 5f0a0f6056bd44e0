-- An import's report as rows of their own (issue 10): a batch appends with one insert instead of
-- rewriting a JSON array that grows with every batch.
CREATE TABLE "import_report_entries" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"entry" jsonb NOT NULL,
	CONSTRAINT "import_report_entries_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "report_size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_report_entries" ADD CONSTRAINT "import_report_entries_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Reports written before this migration move to the new table, entry by entry, in their order.
INSERT INTO "import_report_entries" ("job_id", "seq", "entry")
SELECT j."id", (e.ord - 1)::integer, e.value
FROM "import_jobs" j, jsonb_array_elements(j."report") WITH ORDINALITY AS e(value, ord);--> statement-breakpoint
UPDATE "import_jobs" SET "report_size" = jsonb_array_length("report");--> statement-breakpoint
ALTER TABLE "import_jobs" DROP COLUMN "report";