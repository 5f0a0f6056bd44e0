-- Finding 19: a job a dead process left running is marked interrupted (resumable by uploading the file again).
ALTER TABLE "import_jobs" DROP CONSTRAINT "import_jobs_status";--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_status" CHECK (status in ('pending', 'running', 'done', 'failed', 'interrupted'));